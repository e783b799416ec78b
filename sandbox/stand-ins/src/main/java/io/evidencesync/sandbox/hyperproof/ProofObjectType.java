package io.evidencesync.sandbox.hyperproof;

import java.util.Locale;

/** The kinds of object proof can be linked to on upload ({@code /v1/{type}s/{id}/proof}). */
public enum ProofObjectType {
    CONTROL, LABEL, TASK;

    /** The name used in paths and in the {@code objectType} query parameter, e.g. {@code control}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
