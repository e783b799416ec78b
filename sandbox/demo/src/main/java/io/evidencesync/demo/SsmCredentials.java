package io.evidencesync.demo;

import java.util.Map;
import java.util.stream.Collectors;

import io.evidencesync.core.hyperproof.ClientCredentials;
import io.evidencesync.core.hyperproof.CredentialsSource;
import io.evidencesync.sandbox.Sandbox;
import io.evidencesync.sandbox.s3.SandboxS3;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

/** The Hyperproof client credentials from the sandbox's SSM, as an auditor with read access would fetch them. */
final class SsmCredentials implements CredentialsSource {
    private final Sandbox sandbox;

    SsmCredentials(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public ClientCredentials get() {
        SandboxS3 keys = sandbox.s3();
        try (SsmClient ssm = SsmClient.builder().endpointOverride(sandbox.ssm().endpoint()).region(Region.of(sandbox.ssm().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKey(), keys.secretKey())))
                .httpClient(ApacheHttpClient.create()).build()) {
            Map<String, String> values = ssm.getParameters(b -> b.withDecryption(true)
                            .names(Sandbox.CLIENT_ID_PARAMETER, Sandbox.CLIENT_SECRET_PARAMETER)).parameters().stream()
                    .collect(Collectors.toMap(Parameter::name, Parameter::value));
            return new ClientCredentials(values.get(Sandbox.CLIENT_ID_PARAMETER), values.get(Sandbox.CLIENT_SECRET_PARAMETER));
        }
    }
}
