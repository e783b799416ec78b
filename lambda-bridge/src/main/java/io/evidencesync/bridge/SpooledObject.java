package io.evidencesync.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.publish.BackgroundDigest;
import io.evidencesync.core.publish.Digests;

/**
 * One S3 object version copied to a temporary file, with its SHA-256 and LastModified (the rest of the response's
 * headers are read from {@link ObjectSpooler.Opened} before the body). Closing deletes the file.
 *
 * @param file         the bytes as stored
 * @param size         bytes
 * @param digest       the SHA-256 of the bytes, still being computed on its own thread when the spool returns
 * @param lastModified S3 LastModified
 */
record SpooledObject(Path file, long size, BackgroundDigest digest, Instant lastModified) implements AutoCloseable {
    /** The hex SHA-256 of the bytes; waits for the hashing thread the first time. */
    String sha256() {
        try {
            return Digests.hex(digest.finish());
        } catch (IOException e) {
            throw new EvidenceException("cannot hash the spooled copy of " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        digest.abandon();
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // /tmp is wiped with the execution environment; a leftover file is harmless
        }
    }
}
