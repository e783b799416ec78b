package io.evidencesync.core.s3;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds the {@link S3Client} every producer uses, from {@link S3Settings} and an HTTP client the adapter chooses
 * (the CLI uses Apache, the Lambda the URL-connection client). Retries use the SDK's standard mode: throttling,
 * 5xx and I/O errors are retried with backoff and jitter. Request bodies are sent whole, not aws-chunked.
 */
public final class S3ClientFactory {
    private S3ClientFactory() {
    }

    public static S3Client create(S3Settings settings, SdkHttpClient httpClient) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(httpClient)
                .overrideConfiguration(config -> config.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.maxAttempts()).build()))
                // the SHA-256 of every object is known up front and sent as x-amz-checksum-sha256, so bodies need no
                // aws-chunked framing (which costs an HMAC per 64 KiB on both ends and slowed every small upload)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(settings.credentials() != null ? settings.credentials()
                        : DefaultCredentialsProvider.builder().build());
        if (settings.region() != null && !settings.region().isBlank()) {
            builder.region(Region.of(settings.region().strip()));
        }
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }
}
