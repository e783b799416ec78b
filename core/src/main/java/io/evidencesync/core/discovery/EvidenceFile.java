package io.evidencesync.core.discovery;

import java.nio.file.Path;

/**
 * A file chosen for publishing.
 *
 * @param relativePath the path below the base directory, '/'-separated (also the name used in messages)
 * @param path         the real path on disk
 * @param size         its size in bytes
 */
public record EvidenceFile(String relativePath, Path path, long size) {
}
