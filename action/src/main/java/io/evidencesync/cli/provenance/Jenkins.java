package io.evidencesync.cli.provenance;

import io.evidencesync.cli.CliContext;

/**
 * Jenkins without the plugin ({@code sh 'java -jar evidence-sync.jar publish ...'}), from the variables every build
 * gets (JENKINS_URL, BUILD_URL, JOB_NAME, BUILD_NUMBER) and those the Git plugin, multibranch and build-user-vars
 * add when present.
 */
final class Jenkins implements CiSystem {
    static final String NAME = "jenkins";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isRunning(CliContext context) {
        return context.get("JENKINS_URL") != null || context.get("BUILD_URL") != null && context.get("JOB_NAME") != null;
    }

    @Override
    public BuildDraft read(CliContext context, String jobId) {
        BuildDraft draft = new BuildDraft();
        draft.ciSystem = NAME;
        draft.pipelineName = context.get("JOB_NAME");
        draft.runId = context.get("BUILD_NUMBER");
        draft.runAttempt = "1";
        draft.runUrl = context.get("BUILD_URL");
        draft.jobUrl = context.get("JOB_URL"); // what the plugin records too
        draft.taskName = context.get("STAGE_NAME");
        draft.repositoryUrl = context.get("GIT_URL");
        draft.revision = context.get("GIT_COMMIT");
        draft.ref = context.get("BRANCH_NAME") != null ? context.get("BRANCH_NAME") : context.get("GIT_BRANCH");
        draft.changeId = context.get("CHANGE_ID");
        draft.actor = context.get("BUILD_USER_ID");
        return draft;
    }
}
