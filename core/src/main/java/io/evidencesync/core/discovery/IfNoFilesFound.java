package io.evidencesync.core.discovery;

import java.util.Locale;

import io.evidencesync.core.EvidenceException;

/** What to do when the include patterns match nothing (the same choice as actions/upload-artifact). */
public enum IfNoFilesFound {
    /** Fail the publish. The default: a compliance step that silently publishes nothing hides a broken scan. */
    ERROR,
    /** Warn and publish nothing. */
    WARN,
    /** Publish nothing, quietly. */
    IGNORE;

    public static IfNoFilesFound parse(String value, String settingName) {
        if (value == null || value.isBlank()) {
            return ERROR;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EvidenceException(settingName + ": '" + value + "' is not one of error, warn, ignore", e);
        }
    }
}
