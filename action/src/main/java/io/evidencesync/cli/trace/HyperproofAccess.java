package io.evidencesync.cli.trace;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

import io.evidencesync.cli.CliContext;
import io.evidencesync.cli.UsageException;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.hyperproof.ClientCredentials;
import io.evidencesync.core.hyperproof.CredentialsSource;
import io.evidencesync.core.hyperproof.HttpTransport;
import io.evidencesync.core.hyperproof.HyperproofClient;
import io.evidencesync.core.hyperproof.HyperproofEndpoints;
import io.evidencesync.core.hyperproof.RetryPolicy;
import io.evidencesync.core.hyperproof.TokenProvider;
import io.evidencesync.core.hyperproof.UrlConnectionTransport;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * The Hyperproof client of a trace, configured with the bridge's own names: {@code HYPERPROOF_API_URL},
 * {@code HYPERPROOF_TOKEN_URL}, and the client credentials from {@code HYPERPROOF_CLIENT_ID} /
 * {@code HYPERPROOF_CLIENT_SECRET} or else from the SSM SecureString parameters {@code SSM_CLIENT_ID_PATH} /
 * {@code SSM_SECRET_PATH} (defaults {@code /hyperproof/CLIENT_ID}, {@code /hyperproof/CLIENT_SECRET}).
 */
final class HyperproofAccess {
    static final String DEFAULT_CLIENT_ID_PATH = "/hyperproof/CLIENT_ID";
    static final String DEFAULT_SECRET_PATH = "/hyperproof/CLIENT_SECRET";

    private HyperproofAccess() {
    }

    static HyperproofClient client(CliContext context, AwsCredentialsProvider aws, String region, SdkHttpClient sdkHttp) {
        HyperproofEndpoints endpoints;
        try {
            endpoints = new HyperproofEndpoints(
                    HyperproofEndpoints.parse("HYPERPROOF_API_URL", or(context.get("HYPERPROOF_API_URL"), HyperproofEndpoints.US_API)),
                    HyperproofEndpoints.parse("HYPERPROOF_TOKEN_URL", or(context.get("HYPERPROOF_TOKEN_URL"), HyperproofEndpoints.US_TOKEN)));
        } catch (EvidenceException e) {
            throw new UsageException(e.getMessage());
        }
        HttpTransport http = new UrlConnectionTransport();
        CredentialsSource credentials = credentials(context, aws, region, sdkHttp);
        return new HyperproofClient(http, endpoints, new TokenProvider(http, endpoints.tokenUrl(), credentials,
                Clock.systemUTC()), RetryPolicy.defaults());
    }

    private static CredentialsSource credentials(CliContext context, AwsCredentialsProvider aws, String region,
                                                 SdkHttpClient sdkHttp) {
        String id = context.get("HYPERPROOF_CLIENT_ID");
        String secret = context.get("HYPERPROOF_CLIENT_SECRET");
        if (id != null && secret != null) {
            ClientCredentials given = new ClientCredentials(id, secret);
            return () -> given;
        }
        String idPath = or(context.get("SSM_CLIENT_ID_PATH"), DEFAULT_CLIENT_ID_PATH);
        String secretPath = or(context.get("SSM_SECRET_PATH"), DEFAULT_SECRET_PATH);
        return new CredentialsSource() {
            private ClientCredentials cached;

            @Override
            public synchronized ClientCredentials get() {
                if (cached == null) {
                    cached = fromSsm(context, aws, region, sdkHttp, idPath, secretPath);
                }
                return cached;
            }

            @Override
            public synchronized void invalidate() {
                cached = null;
            }
        };
    }

    private static ClientCredentials fromSsm(CliContext context, AwsCredentialsProvider aws, String region,
                                             SdkHttpClient sdkHttp, String idPath, String secretPath) {
        SsmClientBuilder builder = SsmClient.builder().httpClient(sdkHttp).credentialsProvider(aws);
        if (region != null) {
            builder.region(Region.of(region));
        }
        String endpoint = context.get("AWS_ENDPOINT_URL_SSM");
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        try (SsmClient ssm = builder.build()) {
            Map<String, String> values = ssm.getParameters(b -> b.withDecryption(true).names(idPath, secretPath))
                    .parameters().stream().collect(Collectors.toMap(Parameter::name, Parameter::value));
            if (!values.containsKey(idPath) || !values.containsKey(secretPath)) {
                throw new EvidenceException("the Hyperproof credentials are not in SSM: missing "
                        + (values.containsKey(idPath) ? secretPath : idPath) + " (set SSM_CLIENT_ID_PATH / SSM_SECRET_PATH,"
                        + " or HYPERPROOF_CLIENT_ID / HYPERPROOF_CLIENT_SECRET)");
            }
            return new ClientCredentials(values.get(idPath), values.get(secretPath));
        } catch (SdkException e) {
            throw new EvidenceException("cannot read the Hyperproof credentials from SSM (" + idPath + ", " + secretPath
                    + "): " + e.getMessage(), e);
        }
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
