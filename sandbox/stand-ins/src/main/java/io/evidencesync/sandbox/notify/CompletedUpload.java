package io.evidencesync.sandbox.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * An object that was created in S3, with what an {@code ObjectCreated} notification reports about it.
 *
 * @param key       the object key as stored (not URL-encoded)
 * @param eTag      with or without the quotes S3 puts around it in HTTP headers; events carry it unquoted
 * @param versionId null for an unversioned bucket (the field is then left out, as S3 does)
 * @param sequencer hex string that orders events for the same key
 */
public record CompletedUpload(String bucket, String key, long size, String eTag, String versionId, Instant eventTime,
        String sequencer, S3EventName eventName) {

    public CompletedUpload {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eTag, "eTag");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(sequencer, "sequencer");
        Objects.requireNonNull(eventName, "eventName");
        if (size < 0) {
            throw new IllegalArgumentException("size cannot be negative");
        }
        if (eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
            eTag = eTag.substring(1, eTag.length() - 1);
        }
    }

    /** A single-request {@code PutObject}. */
    public static CompletedUpload put(String bucket, String key, long size, String eTag, String versionId, Instant eventTime,
            String sequencer) {
        return new CompletedUpload(bucket, key, size, eTag, versionId, eventTime, sequencer, S3EventName.PUT);
    }
}
