package io.evidencesync.core.trace;

import java.util.Optional;

import io.evidencesync.core.hyperproof.Proof;

/** What the trace reads from Hyperproof; {@link HyperproofProofSource} is the real one. */
public interface ProofSource {
    /** The proof's metadata, or empty when Hyperproof does not know it (404). */
    Optional<Proof> proof(String proofId);

    /** Hex SHA-256 of the bytes Hyperproof serves for the proof at that version. */
    String contentsSha256(String proofId, int version);
}
