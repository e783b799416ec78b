package io.evidencesync.core.hyperproof;

import java.util.Objects;

/**
 * Where a new proof is uploaded: the organization (unlinked), a control or a label (by UUID).
 */
public record ProofTarget(Kind kind, String id) {
    public enum Kind {
        ORGANIZATION, CONTROL, LABEL
    }

    public ProofTarget {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.ORGANIZATION) {
            Objects.requireNonNull(id, "id");
        }
    }

    public static ProofTarget organization() {
        return new ProofTarget(Kind.ORGANIZATION, null);
    }

    public static ProofTarget control(String uuid) {
        return new ProofTarget(Kind.CONTROL, uuid);
    }

    public static ProofTarget label(String uuid) {
        return new ProofTarget(Kind.LABEL, uuid);
    }

    /** The upload path, e.g. {@code /v1/controls/{id}/proof}. */
    String uploadPath() {
        return switch (kind) {
            case ORGANIZATION -> "/v1/proof";
            case CONTROL -> "/v1/controls/" + Urls.segment(id) + "/proof";
            case LABEL -> "/v1/labels/" + Urls.segment(id) + "/proof";
        };
    }

    /** The query that lists this target's proof on {@code GET /v1/proof}, without paging. */
    String listQuery() {
        return switch (kind) {
            case ORGANIZATION -> "";
            case CONTROL -> "&objectType=control&objectId=" + Urls.query(id);
            case LABEL -> "&objectType=label&objectId=" + Urls.query(id);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.ORGANIZATION ? "organization" : kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id;
    }
}
