package io.jenkins.plugins.evidencesync;

import hudson.AbortException;
import hudson.Util;
import java.util.Locale;

/**
 * What a failed publish does to the build. Applies to failures of the publish itself (S3 refused, evidence refused,
 * nothing matched under {@code ifNoFilesFound: 'error'}); an invalid configuration always fails the build.
 */
public enum FailurePolicy {
    /** Fail the build (the default: a compliance step that silently publishes nothing hides a broken control). */
    FAIL,
    /** Mark the build (and in Pipeline the stage) UNSTABLE and continue. */
    UNSTABLE,
    /** Log the failure and continue. */
    IGNORE;

    /** Parses the user's value, case-insensitively; blank means {@link #FAIL}. */
    static FailurePolicy parse(String value) throws AbortException {
        String trimmed = Util.fixEmptyAndTrim(value);
        if (trimmed == null) {
            return FAIL;
        }
        try {
            return valueOf(trimmed.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.FailurePolicy_Invalid(value));
        }
    }
}
