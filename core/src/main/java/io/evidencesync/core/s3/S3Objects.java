package io.evidencesync.core.s3;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.evidencesync.core.EvidenceException;

/**
 * The S3 object calls of the Lambda bridge (reading evidence, writing receipts) and of the publisher (uploads, the
 * manifest). Failures are {@link RequestFailedException}s (S3 answered with
 * an error) or {@link EvidenceException}s (no answer, no credentials) naming the operation, bucket and key; a failed
 * precondition is a {@link PreconditionFailedException}. {@link SignedS3} is the implementation the function and the
 * CLI use: the SDK's {@code S3Client} costs 1–1.7 s to build on a cold start and several times the client CPU per
 * call (bench/results/lambda-2026-11-27.md). {@link SdkS3Objects} is the same over an SDK {@code S3Client}, for
 * callers that already have one (the Jenkins plugin).
 */
public interface S3Objects {
    /**
     * GetObject: returns once the response headers have arrived, the body unread. 404 is an error here.
     *
     * @param versionId the version, or null for the current one
     */
    OpenedObject getObject(String bucket, String key, String versionId);

    /** GetObject of a small object, read into memory; empty when the key does not exist (404, NoSuchKey). */
    Optional<SmallObject> getObjectAsBytes(String bucket, String key);

    /** HeadObject: the version's attributes and user metadata. */
    ObjectInfo headObject(String bucket, String key, String versionId);

    /**
     * PutObject of a small body (the payload's SHA-256 is signed).
     *
     * @return the new ETag, as S3 sent it (quoted)
     * @throws PreconditionFailedException when the precondition failed (412) or a concurrent conditional write
     *                                     won (409 ConditionalRequestConflict)
     */
    String putObject(String bucket, String key, byte[] body, String contentType, Precondition precondition);

    /**
     * PutObject of a file, streamed from disk, never held in memory whole. The body is bound to the request by its
     * SHA-256 checksum header, which is signed and which S3 verifies, so the body itself is not hashed a second time
     * for the signature ({@code UNSIGNED-PAYLOAD}). Meant for files below the multipart threshold (a single PUT is
     * limited to 5 GiB).
     *
     * @param length       the file's size, sent as Content-Length
     * @param sha256Base64 the file's SHA-256, base64, sent as {@code x-amz-checksum-sha256}
     * @return the new version's id (null on an unversioned bucket) and ETag
     * @throws PreconditionFailedException when the precondition failed (412) or a concurrent conditional write
     *                                     won (409 ConditionalRequestConflict)
     */
    Stored putFile(String bucket, String key, Path file, long length, String sha256Base64, ObjectWrite write,
                   Precondition precondition);

    /** PutObject of a small body with its SHA-256 and attributes; as {@link #putFile}. */
    Stored putBytes(String bucket, String key, byte[] body, String sha256Base64, ObjectWrite write,
                    Precondition precondition);

    /**
     * CreateMultipartUpload, each part to carry a CRC32C ({@code x-amz-checksum-algorithm: CRC32C}).
     *
     * @return the upload id
     */
    String startMultipartUpload(String bucket, String key, ObjectWrite write);

    /**
     * UploadPart of the bytes from the buffer's position to its limit (the buffer is not moved, so a retry sends
     * the same bytes), the body bound by its CRC32C (which S3 verifies) rather than by a signed SHA-256.
     *
     * @return the part's ETag
     */
    String uploadPart(String bucket, String key, String uploadId, int partNumber, ByteBuffer bytes, String crc32cBase64);

    /**
     * CompleteMultipartUpload of the parts in order.
     *
     * @throws PreconditionFailedException when the precondition failed (412) or a concurrent conditional write
     *                                     won (409 ConditionalRequestConflict)
     */
    Stored completeMultipartUpload(String bucket, String key, String uploadId, List<Part> parts,
                                   Precondition precondition);

    /** AbortMultipartUpload: the parts already sent are discarded. */
    void abortMultipartUpload(String bucket, String key, String uploadId);

    /** A part sent: its number, the ETag S3 gave it and its CRC32C (base64). */
    record Part(int number, String etag, String crc32cBase64) {
    }

    /** An object read into memory, with its attributes. */
    record SmallObject(byte[] body, ObjectInfo info) {
    }

    /** What S3 answered to a write: {@code x-amz-version-id} (null when unversioned) and the ETag (quoted). */
    record Stored(String versionId, String etag) {
    }

    /** The condition of a conditional write. */
    record Precondition(String header, String value) {
        public static final Precondition NONE = new Precondition(null, null);

        /** Only if no object exists under the key ({@code If-None-Match: *}). */
        public static Precondition ifNoneMatch() {
            return new Precondition("If-None-Match", "*");
        }

        /** Only if the current object still has this ETag ({@code If-Match}). */
        public static Precondition ifMatch(String etag) {
            return new Precondition("If-Match", etag);
        }

        /** Adds the condition's header to a request's headers (none for {@link #NONE}). */
        void addTo(Map<String, String> headers) {
            if (header != null) {
                headers.put(header, value);
            }
        }
    }

    /** S3 refused a conditional write: another writer got there first. */
    final class PreconditionFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PreconditionFailedException(String message) {
            super(message);
        }
    }

    /**
     * S3 answered with an error (after the retries, for retryable ones). The message names the operation, bucket,
     * key, status and S3's code; {@link #status()} and {@link #errorCode()} let a caller word its own.
     */
    final class RequestFailedException extends EvidenceException {
        private static final long serialVersionUID = 1L;
        private final String operation;
        private final int status;
        private final String errorCode;

        RequestFailedException(String message, String operation, int status, String errorCode) {
            super(message);
            this.operation = operation;
            this.status = status;
            this.errorCode = errorCode;
        }

        /** The S3 API call that failed (PutObject, UploadPart, …). */
        public String operation() {
            return operation;
        }

        public int status() {
            return status;
        }

        /** S3's {@code <Code>}, or null when the answer had none (HEAD, or a non-S3 error body). */
        public String errorCode() {
            return errorCode;
        }
    }
}
