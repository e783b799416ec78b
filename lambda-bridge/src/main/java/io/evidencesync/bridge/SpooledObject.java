package io.evidencesync.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * One S3 object version copied to a temporary file, with its SHA-256 and S3 attributes. Closing deletes the file.
 *
 * @param file         the bytes as stored
 * @param size         bytes
 * @param sha256       hex SHA-256 of the bytes
 * @param metadata     the user metadata as S3 returned it
 * @param versionId    the version read, or null on an unversioned bucket
 * @param lastModified S3 LastModified
 */
record SpooledObject(Path file, long size, String sha256, Map<String, String> metadata, String versionId,
                     Instant lastModified) implements AutoCloseable {
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // /tmp is wiped with the execution environment; a leftover file is harmless
        }
    }
}
