package io.evidencesync.core.publish;

import java.util.Map;

import io.evidencesync.core.discovery.EvidenceFile;
import io.evidencesync.core.evidence.EvidenceSummary;

/**
 * A validated file with everything needed to upload it: key, digest, summary and metadata, and its upload when that
 * was started while the file was validated (null otherwise).
 */
record PreparedFile(EvidenceFile file, String key, byte[] sha256, EvidenceSummary summary, Map<String, String> metadata,
                    EarlyUpload early) {
    String sha256Hex() {
        return Digests.hex(sha256);
    }
}
