package io.evidencesync.sandbox.hyperproof;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A snapshot of one stored proof: its id, the objects it is linked to and all its versions, oldest first.
 *
 * @param links empty for a proof uploaded to the organization ({@code POST /v1/proof})
 */
public record Proof(UUID id, List<ProofLink> links, List<ProofVersion> versions) {

    public Proof {
        Objects.requireNonNull(id, "id");
        links = List.copyOf(links);
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a proof has at least one version");
        }
    }

    /** The newest version, the one {@code GET /v1/proof/{id}} describes. */
    public ProofVersion latest() {
        return versions.get(versions.size() - 1);
    }

    public ProofVersion first() {
        return versions.get(0);
    }

    public boolean isLinkedTo(ProofObjectType type, UUID objectId) {
        return links.contains(new ProofLink(type, objectId));
    }
}
