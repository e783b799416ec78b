package io.evidencesync.cli.provenance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provenance fields as a CI system's variables (or the flags) give them, before the required ones are checked.
 * {@link #overlay} lets explicit flags win over detected values field by field.
 */
public final class BuildDraft {
    String ciSystem;
    String pipelineName;
    String runId;
    String runNumber;
    String runAttempt;
    String runUrl;
    String jobUrl;
    String taskName;
    String repositoryUrl;
    String revision;
    String ref;
    String changeId;
    String actor;
    /** CI-specific facts the contract has no field for (GitHub: repository id, workflow ref, runner environment). */
    final Map<String, String> extras = new LinkedHashMap<>();

    /** This draft with every non-blank field of {@code explicit} taking precedence. */
    BuildDraft overlay(BuildDraft explicit) {
        ciSystem = pick(explicit.ciSystem, ciSystem);
        pipelineName = pick(explicit.pipelineName, pipelineName);
        runId = pick(explicit.runId, runId);
        runNumber = pick(explicit.runNumber, runNumber);
        runAttempt = pick(explicit.runAttempt, runAttempt);
        runUrl = pick(explicit.runUrl, runUrl);
        jobUrl = pick(explicit.jobUrl, jobUrl);
        taskName = pick(explicit.taskName, taskName);
        repositoryUrl = pick(explicit.repositoryUrl, repositoryUrl);
        revision = pick(explicit.revision, revision);
        ref = pick(explicit.ref, ref);
        changeId = pick(explicit.changeId, changeId);
        actor = pick(explicit.actor, actor);
        extras.putAll(explicit.extras);
        return this;
    }

    private static String pick(String preferred, String fallback) {
        return preferred == null || preferred.isBlank() ? fallback : preferred;
    }
}
