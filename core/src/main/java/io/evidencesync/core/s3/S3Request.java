package io.evidencesync.core.s3;

import java.util.Map;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * One S3 request of {@link SignedS3}, before addressing and signing.
 *
 * @param operation the S3 API name (GetObject, HeadObject, PutObject), for messages
 * @param versionId the version, or null
 * @param headers   extra headers (signed)
 * @param body      the payload (each newStream() reads it from the start), or null for none
 */
record S3Request(String operation, SdkHttpMethod method, String bucket, String key, String versionId,
                 Map<String, String> headers, ContentStreamProvider body) {
    S3Request {
        headers = Map.copyOf(headers);
    }

    /** {@code s3://bucket/key}, with the version when one is asked for. */
    String where() {
        return "s3://" + bucket + "/" + key + (versionId == null ? "" : " (version " + versionId + ")");
    }
}
