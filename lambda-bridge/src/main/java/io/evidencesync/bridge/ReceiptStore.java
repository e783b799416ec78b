package io.evidencesync.bridge;

import java.util.Optional;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.publish.S3Errors;
import io.evidencesync.core.receipt.IndexEntry;
import io.evidencesync.core.receipt.Receipt;
import io.evidencesync.core.receipt.ReceiptCodec;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

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

    private final S3Client s3;

    ReceiptStore(S3Client s3) {
        this.s3 = s3;
    }

    Optional<Stored> read(String bucket, String key) {
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw S3Errors.describe(e, "read the receipt", bucket, key);
        } catch (SdkException e) {
            throw S3Errors.describe(e, "read the receipt", bucket, key);
        }
        return Optional.of(new Stored(ReceiptCodec.fromJson(key, bytes.asByteArray()), bytes.response().eTag()));
    }

    /** Creates the receipt if none exists; returns its ETag. */
    String create(String bucket, String key, Receipt receipt) {
        return put(PutObjectRequest.builder().bucket(bucket).key(key).ifNoneMatch("*"), receipt);
    }

    /** Replaces the receipt if it still has {@code etag}; returns the new ETag. */
    String replace(String bucket, String key, Receipt receipt, String etag) {
        return put(PutObjectRequest.builder().bucket(bucket).key(key).ifMatch(etag), receipt);
    }

    private String put(PutObjectRequest.Builder request, Receipt receipt) {
        PutObjectRequest built = request.contentType("application/json").build();
        try {
            return s3.putObject(built, RequestBody.fromBytes(ReceiptCodec.toJson(receipt))).eTag();
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                throw new ConflictException(built.key());
            }
            throw S3Errors.describe(e, "write the receipt", built.bucket(), built.key());
        } catch (SdkException e) {
            throw S3Errors.describe(e, "write the receipt", built.bucket(), built.key());
        }
    }

    /** Writes (or rewrites, with the same content) a trace index entry; see {@code EvidenceContract.runIndexKey}. */
    void putIndex(String bucket, String key, IndexEntry entry) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
                    RequestBody.fromBytes(ReceiptCodec.indexToJson(entry)));
        } catch (SdkException e) {
            throw S3Errors.describe(e, "write the trace index entry", bucket, key);
        }
    }

    static EvidenceException unreadable(String key, RuntimeException e) {
        return new EvidenceException("receipt " + key + " cannot be used: " + e.getMessage(), e);
    }
}
