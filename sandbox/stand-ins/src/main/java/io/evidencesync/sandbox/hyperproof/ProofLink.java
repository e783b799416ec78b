package io.evidencesync.sandbox.hyperproof;

import java.util.Objects;
import java.util.UUID;

/** A link from a proof to the control, label or task it was uploaded to. */
public record ProofLink(ProofObjectType type, UUID objectId) {
    public ProofLink {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(objectId, "objectId");
    }
}
