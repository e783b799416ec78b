package io.evidencesync.bridge;

import java.util.Optional;

import io.evidencesync.core.s3.S3Objects;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.receipt.IndexEntry;
import io.evidencesync.core.receipt.Receipt;
import io.evidencesync.core.receipt.ReceiptCodec;

/**
 * Receipts in S3 with conditional writes: {@link #create} succeeds for exactly one writer ({@code If-None-Match: *}),
 * {@link #replace} only while nobody else has replaced the version read ({@code If-Match}).
 */
final class ReceiptStore {
    /** A receipt as stored, with the ETag a conditional replace needs. */
    record Stored(Receipt receipt, String etag) {
    }

    /** Another writer got there first (HTTP 412, or 409 for a concurrent conditional write). */
    static final class ConflictException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConflictException(String key) {
            super("receipt " + key + " was written concurrently");
        }
    }

    private static final String JSON = "application/json";

    private final S3Objects s3;

    ReceiptStore(S3Objects s3) {
        this.s3 = s3;
    }

    Optional<Stored> read(String bucket, String key) {
        return s3.getObjectAsBytes(bucket, key)
                .map(object -> new Stored(ReceiptCodec.fromJson(key, object.body()), object.info().etag()));
    }

    /** Creates the receipt if none exists; returns its ETag. */
    String create(String bucket, String key, Receipt receipt) {
        return put(bucket, key, receipt, S3Objects.Precondition.ifNoneMatch());
    }

    /** Replaces the receipt if it still has {@code etag}; returns the new ETag. */
    String replace(String bucket, String key, Receipt receipt, String etag) {
        return put(bucket, key, receipt, S3Objects.Precondition.ifMatch(etag));
    }

    private String put(String bucket, String key, Receipt receipt, S3Objects.Precondition precondition) {
        try {
            return s3.putObject(bucket, key, ReceiptCodec.toJson(receipt), JSON, precondition);
        } catch (S3Objects.PreconditionFailedException e) {
            throw new ConflictException(key);
        }
    }

    /** Writes (or rewrites, with the same content) a trace index entry; see {@code EvidenceContract.runIndexKey}. */
    void putIndex(String bucket, String key, IndexEntry entry) {
        s3.putObject(bucket, key, ReceiptCodec.indexToJson(entry), JSON, S3Objects.Precondition.NONE);
    }

    static EvidenceException unreadable(String key, RuntimeException e) {
        return new EvidenceException("receipt " + key + " cannot be used: " + e.getMessage(), e);
    }
}
