package io.evidencesync.core.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.hyperproof.Proof;
import io.evidencesync.core.receipt.ReceiptProof;
import io.evidencesync.core.trace.TraceReport.ProofTrace;

/**
 * The links of one proof a receipt records: Hyperproof has it, its source is the S3 object, the bytes it serves at
 * the recorded version are the published ones, and, for evidence, so are those of its current version.
 */
final class ProofChecks {
    private final ProofSource proofs;

    ProofChecks(ProofSource proofs) {
        this.proofs = proofs;
    }

    /**
     * @param expectedSha the SHA-256 recorded at publish time
     * @param sourceId    the S3 URI the proof should name as its source
     * @param writeOnce   evidence (written once per run) rather than a manifest, whose proof gains versions
     */
    ProofTrace check(ReceiptProof recorded, String expectedSha, String sourceId, boolean writeOnce) {
        List<Link> links = new ArrayList<>();
        Optional<Proof> proof;
        try {
            proof = proofs.proof(recorded.proofId());
        } catch (EvidenceException e) {
            links.add(Link.broken("Hyperproof has the proof", e.getMessage()));
            return proofTrace(recorded, links);
        }
        if (proof.isEmpty()) {
            links.add(Link.broken("Hyperproof has the proof", recorded.proofId() + " is unknown to Hyperproof"));
            return proofTrace(recorded, links);
        }
        links.add(Link.ok("Hyperproof has the proof", proof.get().filename() + ", version " + proof.get().version()
                + (proof.get().status() == null ? "" : ", " + proof.get().status())));
        if (proof.get().sourceId() != null) {
            links.add(Link.compare("the proof's source is the S3 object", sourceId, proof.get().sourceId()));
        }
        try {
            links.add(Link.compare("the bytes Hyperproof serves match the publish-time SHA-256", expectedSha,
                    proofs.contentsSha256(recorded.proofId(), recorded.proofVersion())));
        } catch (EvidenceException e) {
            links.add(Link.broken("the bytes Hyperproof serves match the publish-time SHA-256", e.getMessage()));
        }
        if (writeOnce) {
            links.add(currentVersion(recorded, proof.get().version(), expectedSha));
        }
        return proofTrace(recorded, links);
    }

    /**
     * Hyperproof shows a proof's latest version. Evidence is written once per run, so a later version of its proof
     * can only come from a later S3 version of the key (which the bridge adds as a proof version): it must hold the
     * same bytes, or the proof on the control is no longer what the build published.
     */
    private Link currentVersion(ReceiptProof recorded, int current, String expectedSha) {
        String name = "the proof's current version holds the published bytes";
        if (current == recorded.proofVersion()) {
            return Link.ok(name, "version " + current + " is the one the bridge recorded");
        }
        try {
            String currentSha = proofs.contentsSha256(recorded.proofId(), current);
            if (expectedSha != null && expectedSha.equals(currentSha)) {
                return Link.ok(name, "version " + current + " (the bridge recorded " + recorded.proofVersion()
                        + ") has the same SHA-256 " + expectedSha);
            }
            return Link.broken(name, "version " + current + " of proof " + recorded.proofId() + " has SHA-256 "
                    + currentSha + ", but the build published " + expectedSha + " (the bridge recorded version "
                    + recorded.proofVersion() + "): the S3 key was written again after the build; its later S3"
                    + " versions and their receipts show when and with what");
        } catch (EvidenceException e) {
            return Link.broken(name, e.getMessage());
        }
    }

    private static ProofTrace proofTrace(ReceiptProof recorded, List<Link> links) {
        return new ProofTrace(recorded.proofId(), recorded.target(), recorded.controlIdentifier(), recorded.controlId(),
                recorded.proofVersion(), links);
    }
}
