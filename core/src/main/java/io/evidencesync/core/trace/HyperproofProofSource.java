package io.evidencesync.core.trace;

import java.util.Optional;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.hyperproof.Deadline;
import io.evidencesync.core.hyperproof.HyperproofClient;
import io.evidencesync.core.hyperproof.HyperproofException;
import io.evidencesync.core.hyperproof.Proof;

/** {@link ProofSource} on the Hyperproof API (read-only: proof metadata and contents). */
public final class HyperproofProofSource implements ProofSource {
    private final HyperproofClient client;
    private final Deadline deadline;

    public HyperproofProofSource(HyperproofClient client, Deadline deadline) {
        this.client = client;
        this.deadline = deadline;
    }

    @Override
    public Optional<Proof> proof(String proofId) {
        try {
            return Optional.of(client.getProof(proofId, deadline));
        } catch (HyperproofException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw new EvidenceException(e.getMessage(), e);
        }
    }

    @Override
    public String contentsSha256(String proofId, int version) {
        try {
            return client.contentsSha256(proofId, version, deadline);
        } catch (HyperproofException e) {
            throw new EvidenceException(e.getMessage(), e);
        }
    }
}
