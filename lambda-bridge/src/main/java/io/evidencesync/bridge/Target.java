package io.evidencesync.bridge;

import io.evidencesync.core.hyperproof.ProofTarget;
import io.evidencesync.core.receipt.ReceiptProof;

/** One resolved destination of an object's proof. */
record Target(ProofTarget proofTarget, ResolvedControl control) {
    static Target organization() {
        return new Target(ProofTarget.organization(), null);
    }

    static Target control(ResolvedControl control) {
        return new Target(ProofTarget.control(control.id()), control);
    }

    /** The key receipts use: the control UUID, or "organization". */
    String key() {
        return control == null ? ReceiptProof.TARGET_ORGANIZATION : control.id();
    }

    /** What logs show: the identifier when known, else the UUID, or "organization". */
    String label() {
        return control == null ? ReceiptProof.TARGET_ORGANIZATION
                : control.identifier() != null ? control.identifier() : control.id();
    }
}
