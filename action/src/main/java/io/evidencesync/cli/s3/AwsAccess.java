package io.evidencesync.cli.s3;

import java.time.Duration;
import java.util.regex.Pattern;

import io.evidencesync.cli.CliContext;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.s3.S3ClientFactory;
import io.evidencesync.core.s3.S3Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client of a CLI run. Credentials are never options: the environment's {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} (what aws-actions/configure-aws-credentials exports)
 * are read from the injected environment; otherwise the SDK's default chain decides (profile, web identity / OIDC,
 * container, instance). The Apache HTTP client keeps one pooled connection per concurrent upload.
 */
public final class AwsAccess implements AutoCloseable {
    /** Used when an endpoint is given but no region (S3-compatible stores ignore it; SigV4 needs one). */
    public static final String ENDPOINT_DEFAULT_REGION = "us-east-1";
    private static final Pattern ACCOUNT_IN_ARN = Pattern.compile("::[0-9]{12}:");

    private final SdkHttpClient httpClient;
    private final S3Client s3;
    private final String credentialsDescription;
    private final AwsCredentialsProvider credentials;
    private final String region;

    private AwsAccess(SdkHttpClient httpClient, S3Client s3, String credentialsDescription,
                      AwsCredentialsProvider credentials, String region) {
        this.httpClient = httpClient;
        this.s3 = s3;
        this.credentialsDescription = credentialsDescription;
        this.credentials = credentials;
        this.region = region;
    }

    /**
     * @param region      the region, or null for the SDK's region chain
     * @param connections concurrent requests to allow
     */
    public static AwsAccess open(CliContext context, String region, java.net.URI endpoint, boolean pathStyle,
                                 int connections) {
        AwsCredentialsProvider credentials = environmentCredentials(context);
        String effectiveRegion = region != null ? region : endpoint != null ? ENDPOINT_DEFAULT_REGION : null;
        // no "Expect: 100-continue": it costs a round trip per object, and evidence objects are mostly small
        SdkHttpClient http = ApacheHttpClient.builder().maxConnections(connections).expectContinueEnabled(false)
                .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)).build();
        try {
            S3Client client = S3ClientFactory.create(new S3Settings(effectiveRegion, endpoint, pathStyle, credentials,
                    S3Settings.DEFAULT_MAX_ATTEMPTS), http);
            return new AwsAccess(http, client, describe(context, credentials), credentials, effectiveRegion);
        } catch (SdkClientException e) {
            http.close();
            throw new EvidenceException("no AWS region: set --region (action input region) or AWS_REGION"
                    + " (aws-actions/configure-aws-credentials sets it)", e);
        }
    }

    public S3Client s3() {
        return s3;
    }

    /** The credentials the S3 client uses (environment, else null for the SDK default chain), for other AWS clients. */
    public AwsCredentialsProvider credentials() {
        return credentials != null ? credentials
                : software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.builder().build();
    }

    /** The region in use, or null when the SDK's region chain decides. */
    public String region() {
        return region;
    }

    /** The HTTP client, shared with other AWS clients of this run (they do not close it). */
    public SdkHttpClient httpClient() {
        return httpClient;
    }

    /** Where the credentials come from, in words; never a key, token or account id. */
    public String credentialsDescription() {
        return credentialsDescription;
    }

    @Override
    public void close() {
        s3.close();
        httpClient.close();
    }

    private static AwsCredentialsProvider environmentCredentials(CliContext context) {
        String accessKey = context.get("AWS_ACCESS_KEY_ID");
        String secretKey = context.get("AWS_SECRET_ACCESS_KEY");
        if (accessKey == null || secretKey == null) {
            return null;
        }
        String sessionToken = context.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(sessionToken == null
                ? AwsBasicCredentials.create(accessKey, secretKey)
                : AwsSessionCredentials.create(accessKey, secretKey, sessionToken));
    }

    private static String describe(CliContext context, AwsCredentialsProvider environment) {
        if (environment != null) {
            return "environment variables (AWS_ACCESS_KEY_ID" + (context.get("AWS_SESSION_TOKEN") != null
                    ? " with AWS_SESSION_TOKEN" : "") + ")";
        }
        String role = context.get("AWS_ROLE_ARN");
        if (role != null && context.get("AWS_WEB_IDENTITY_TOKEN_FILE") != null) {
            return "web identity token for role " + ACCOUNT_IN_ARN.matcher(role).replaceAll("::***:");
        }
        String profile = context.get("AWS_PROFILE");
        return "the AWS SDK default chain (" + (profile != null ? "profile '" + profile + "', " : "")
                + "shared config, web identity, container or instance role)";
    }
}
