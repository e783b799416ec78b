package io.evidencesync.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.evidencesync.core.contract.ManifestCodec;
import io.evidencesync.core.contract.RunManifest;
import io.evidencesync.sandbox.s3.S3SandboxExtension;
import io.evidencesync.sandbox.s3.SandboxS3;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads what core published with a different client, Debian's AWS CLI ({@code /usr/bin/aws}; .ci/run installs it),
 * so the contract does not only hold for the SDK that wrote it.
 */
class AwsCliReadBackTest {
    /** Debian's CLI by default (a pyenv `aws` may shadow it on PATH); EVIDENCE_SYNC_AWS_CLI points elsewhere. */
    private static final Path AWS = Path.of(System.getenv().getOrDefault("EVIDENCE_SYNC_AWS_CLI", "/usr/bin/aws"));
    private static final String BUCKET = "evidence-cli";

    @RegisterExtension
    static final S3SandboxExtension SANDBOX = new S3SandboxExtension(BUCKET);

    @TempDir
    Path workspace;

    @Test
    void shouldReadMetadataManifestAndBytesBackWithTheAwsCli() throws Exception {
        assumeTrue(Files.isExecutable(AWS), AWS + " is not installed (apt-get install awscli; .ci/run does)");
        for (String fixture : List.of("otlp-logs-with-control.json", "ocsf-scan-activity.json")) {
            try (var in = getClass().getResourceAsStream("/complybeacon/" + fixture)) {
                Files.write(workspace.resolve(fixture), in.readAllBytes());
            }
        }
        PublishResult result;
        try (S3Client s3 = client()) {
            result = new EvidencePublisher(s3, PublisherOptions.defaults("test/1")).publish(PublishRequest.builder()
                    .bucket(BUCKET).prefix("evidence").baseDirectory(workspace).provenance(EvidencePublisherTest.BUILD)
                    .build(), PublishListener.NONE);
        }

        for (PublishedObject object : result.objects()) {
            JsonObject head = JsonParser.parseString(aws("s3api", "head-object", "--bucket", BUCKET, "--key", object.key()))
                    .getAsJsonObject();
            JsonObject metadata = head.getAsJsonObject("Metadata");
            assertThat(metadata.get("evidence-sha256").getAsString()).isEqualTo(object.sha256());
            assertThat(metadata.get("evidence-schema").getAsString()).isEqualTo("1");
            assertThat(metadata.get("cicd-run-url").getAsString()).isEqualTo(EvidencePublisherTest.BUILD.runUrl());
            assertThat(metadata.get("evidence-manifest").getAsString()).isEqualTo(result.manifestKey());
            Path copy = workspace.resolve("copy-" + object.sha256());
            aws("s3", "cp", "s3://" + BUCKET + "/" + object.key(), copy.toString());
            assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(workspace.resolve(object.path())));
        }
        Path manifestCopy = workspace.resolve("manifest-copy.json");
        aws("s3", "cp", "s3://" + BUCKET + "/" + result.manifestKey(), manifestCopy.toString());
        RunManifest manifest = ManifestCodec.fromJson(result.manifestKey(), Files.readAllBytes(manifestCopy));
        assertThat(manifest.objects()).hasSize(2);
        assertThat(manifest.provenance()).containsEntry("cicd.pipeline.run.url.full", EvidencePublisherTest.BUILD.runUrl());
    }

    private static String aws(String... args) throws IOException, InterruptedException {
        SandboxS3 sandbox = SANDBOX.s3();
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", sandbox.endpoint().toString(),
                "--region", sandbox.region(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", sandbox.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", sandbox.secretKey());
        env.remove("AWS_PROFILE");
        Path config = Files.createTempFile("aws-config", ".ini");
        Files.writeString(config, "[default]\ns3 =\n  addressing_style = path\n");
        env.put("AWS_CONFIG_FILE", config.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("aws %s\n%s", String.join(" ", args), output).isZero();
        return output;
    }

    private static S3Client client() {
        return SANDBOX.s3().client(ApacheHttpClient.create());
    }
}
