package io.evidencesync.core.s3;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How to reach S3.
 *
 * @param region              the region; null lets the SDK's region chain decide (AWS_REGION, profile, instance)
 * @param endpoint            a custom endpoint for S3-compatible stores and local stand-ins, or null for AWS
 * @param pathStyle           path-style addressing (most S3-compatible stores need it)
 * @param credentials         explicit credentials, or null for the SDK default chain (environment, profile,
 *                            web identity / OIDC, container, instance)
 * @param maxAttempts         attempts per request including retries of transient failures (throttling, 5xx, I/O)
 */
public record S3Settings(String region, URI endpoint, boolean pathStyle, AwsCredentialsProvider credentials,
                         int maxAttempts) {
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    public S3Settings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    public static S3Settings defaults() {
        return new S3Settings(null, null, false, null, DEFAULT_MAX_ATTEMPTS);
    }

    public S3Settings withRegion(String value) {
        return new S3Settings(value, endpoint, pathStyle, credentials, maxAttempts);
    }

    public S3Settings withEndpoint(URI value, boolean pathStyleAccess) {
        return new S3Settings(region, value, pathStyleAccess, credentials, maxAttempts);
    }

    public S3Settings withCredentials(AwsCredentialsProvider value) {
        return new S3Settings(region, endpoint, pathStyle, value, maxAttempts);
    }
}
