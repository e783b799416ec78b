package io.evidencesync.cli.provenance;

import io.evidencesync.cli.CliContext;

/** A CI system recognised by its standard environment variables. */
interface CiSystem {
    /** The {@code cicd.system} value, e.g. {@code github-actions}. */
    String name();

    boolean isRunning(CliContext context);

    /**
     * Reads the build from the environment.
     *
     * @param jobId the GitHub job's {@code job.check_run_id} when given, else null (other systems ignore it)
     */
    BuildDraft read(CliContext context, String jobId);
}
