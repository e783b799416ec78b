package io.evidencesync.core.hyperproof;

/**
 * A proof as Hyperproof returns it (only the fields the bridge uses).
 *
 * @param id           the proof UUID
 * @param filename     the proof's file name
 * @param version      the proof version (Hyperproof starts at 0 or 1)
 * @param sourceId     {@code hp-proof-source-id} as stored, when Hyperproof returns it
 * @param sourceFileId {@code hp-proof-source-file-id} as stored, when Hyperproof returns it
 * @param size         bytes
 * @param status       {@code active}, {@code archived}, ...
 */
public record Proof(String id, String filename, int version, String sourceId, String sourceFileId, long size,
                    String status) {
}
