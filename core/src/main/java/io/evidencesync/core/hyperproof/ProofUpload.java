package io.evidencesync.core.hyperproof;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file to upload as proof, with the form fields that link it to its source.
 *
 * @param file             the bytes, streamed from disk
 * @param filename         the proof's name (as Hyperproof shows it)
 * @param contentType      the file part's content type, e.g. {@code application/json}
 * @param sourceId         {@code hp-proof-source-id}: where the file comes from (the bridge: the S3 object URI)
 * @param sourceFileId     {@code hp-proof-source-file-id}: the file's id in the source (S3 version id or SHA-256)
 * @param sourceModifiedOn {@code hp-proof-source-modified-on}: ISO-8601, or null
 * @param ownedBy          {@code hp-proof-owned-by}: the owner's user id (required for service accounts), or null
 */
public record ProofUpload(Path file, String filename, String contentType, String sourceId, String sourceFileId,
                          String sourceModifiedOn, String ownedBy) {
    public ProofUpload {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
    }

    /** True when {@code proof} is this upload as Hyperproof stored it: same source file id, or the same name. */
    public boolean matches(Proof proof) {
        if (proof == null || "deleted".equalsIgnoreCase(proof.status())) {
            return false;
        }
        if (sourceFileId != null && proof.sourceFileId() != null) {
            return sourceFileId.equals(proof.sourceFileId())
                    && (sourceId == null || proof.sourceId() == null || sourceId.equals(proof.sourceId()));
        }
        return filename.equals(proof.filename());
    }
}
