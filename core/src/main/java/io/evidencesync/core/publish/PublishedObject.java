package io.evidencesync.core.publish;

import io.evidencesync.core.evidence.EvidenceSummary;

/**
 * One evidence file after publishing.
 *
 * @param path      the file's path relative to the evidence directory
 * @param key       the S3 key
 * @param versionId the S3 version id, or null (unversioned bucket, dry run)
 * @param etag      the S3 ETag, or null in a dry run
 * @param sha256    hex SHA-256 of the bytes
 * @param size      bytes
 * @param summary   what the file holds
 * @param outcome   what happened
 */
public record PublishedObject(String path, String key, String versionId, String etag, String sha256, long size,
                              EvidenceSummary summary, Outcome outcome) {
    /** What publishing did with a file. */
    public enum Outcome {
        /** Written now. */
        UPLOADED,
        /** This run had already published the same bytes under the same key; nothing written. */
        ALREADY_PUBLISHED,
        /** Dry run: validated and planned, nothing written. */
        PLANNED
    }
}
