package io.evidencesync.cli.publish;

import java.util.List;
import java.util.Locale;

/**
 * The publish options that may also come from the environment, as the composite action passes its inputs: option
 * {@code --if-no-files-found} ↔ variable {@code EVIDENCE_IF_NO_FILES_FOUND} ↔ action input {@code if-no-files-found}.
 * A flag on the command line wins over the variable. {@code ActionMetadataTest} keeps action.yml and this list equal.
 */
public final class ActionEnvironment {
    /** The options (long names) that read a variable, in the order the action lists its inputs. */
    public static final List<String> OPTIONS = List.of("--bucket", "--prefix", "--region", "--path", "--exclude",
            "--base-dir", "--if-no-files-found", "--control", "--endpoint-url", "--path-style", "--sse", "--kms-key-id",
            "--validate", "--dry-run", "--job-id");

    private ActionEnvironment() {
    }

    /** {@code --if-no-files-found} → {@code EVIDENCE_IF_NO_FILES_FOUND}. */
    public static String variable(String option) {
        return "EVIDENCE_" + inputName(option).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** {@code --if-no-files-found} → {@code if-no-files-found}. */
    public static String inputName(String option) {
        return option.startsWith("--") ? option.substring(2) : option;
    }

    /** How messages name a setting: the option, the action input and the variable. */
    public static String describe(String option) {
        return option + " (action input " + inputName(option) + ", " + variable(option) + ")";
    }
}
