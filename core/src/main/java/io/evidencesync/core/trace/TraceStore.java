package io.evidencesync.core.trace;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the trace reads from S3; {@link S3TraceStore} is the real one. */
public interface TraceStore {
    /** An object version's metadata. */
    record ObjectInfo(String bucket, String key, String versionId, long size, Map<String, String> metadata) {
    }

    /** Metadata of the object (the given version, or the latest when null), or empty when it does not exist. */
    Optional<ObjectInfo> head(String bucket, String key, String versionId);

    /** The bytes of a small object (manifest, receipt, index entry), or empty when it does not exist. */
    Optional<byte[]> read(String bucket, String key, String versionId);

    /** Hex SHA-256 of the object's bytes, streamed, or empty when it does not exist. */
    Optional<String> sha256(String bucket, String key, String versionId);

    /** Keys under a prefix. */
    List<String> list(String bucket, String prefix);

    /** The version ids of exactly this key, oldest first (delete markers left out); empty when it has none. */
    List<String> versions(String bucket, String key);
}
