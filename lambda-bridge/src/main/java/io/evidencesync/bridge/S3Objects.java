package io.evidencesync.bridge;

import java.util.Optional;

/**
 * The S3 calls the function makes, and nothing else: what {@link ObjectSpooler}, {@link ReceiptStore} and
 * {@link RoutePlanner} need. Failures are {@link io.evidencesync.core.EvidenceException}s naming the operation,
 * bucket and key; a failed precondition is a {@link PreconditionFailedException}. {@link SignedS3} is the
 * implementation; the SDK's {@code S3Client} stays out of the function's path (its construction alone cost 1–1.7 s
 * of cold start, bench/results/lambda-2026-11-27.md).
 */
interface S3Objects {
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

    /** An object read into memory, with its attributes. */
    record SmallObject(byte[] body, ObjectInfo info) {
    }

    /** The condition of a conditional write. */
    record Precondition(String header, String value) {
        static final Precondition NONE = new Precondition(null, null);

        /** Only if no object exists under the key ({@code If-None-Match: *}). */
        static Precondition ifNoneMatch() {
            return new Precondition("If-None-Match", "*");
        }

        /** Only if the current object still has this ETag ({@code If-Match}). */
        static Precondition ifMatch(String etag) {
            return new Precondition("If-Match", etag);
        }
    }

    /** S3 refused a conditional write: another writer got there first. */
    final class PreconditionFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PreconditionFailedException(String message) {
            super(message);
        }
    }
}
