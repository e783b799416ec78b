package io.evidencesync.core.s3;

import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * One S3 request of {@link SignedS3}, before addressing and signing.
 *
 * @param operation the S3 API name (GetObject, HeadObject, PutObject, UploadPart, …), for messages
 * @param versionId the version, or null
 * @param query     further query parameters (unencoded; an empty value is sent as {@code name=})
 * @param headers   extra headers (signed)
 * @param body      the payload (each newStream() reads it from the start), or null for none
 */
record S3Request(String operation, SdkHttpMethod method, String bucket, String key, String versionId,
                 Map<String, String> query, Map<String, String> headers, ContentStreamProvider body) {
    S3Request {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    S3Request(String operation, SdkHttpMethod method, String bucket, String key, String versionId,
              Map<String, String> headers, ContentStreamProvider body) {
        this(operation, method, bucket, key, versionId, Map.of(), headers, body);
    }

    /** A request naming only its operation and object: what an error message needs (the SDK adapter's). */
    static S3Request describing(String operation, String bucket, String key, String versionId) {
        return new S3Request(operation, SdkHttpMethod.GET, bucket, key, versionId, Map.of(), Map.of(), null);
    }

    /** The query parameters to send, the version included. */
    Map<String, String> allQuery() {
        Map<String, String> all = new LinkedHashMap<>(query);
        if (versionId != null) {
            all.put("versionId", versionId);
        }
        return all;
    }

    /** {@code s3://bucket/key}, with the version when one is asked for. */
    String where() {
        return "s3://" + bucket + "/" + key + (versionId == null ? "" : " (version " + versionId + ")");
    }
}
