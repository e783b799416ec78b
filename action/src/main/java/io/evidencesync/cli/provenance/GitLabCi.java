package io.evidencesync.cli.provenance;

import io.evidencesync.cli.CliContext;

/** GitLab CI (GITLAB_CI=true), from its predefined variables. */
final class GitLabCi implements CiSystem {
    static final String NAME = "gitlab-ci";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isRunning(CliContext context) {
        return context.isTrue("GITLAB_CI");
    }

    @Override
    public BuildDraft read(CliContext context, String jobId) {
        BuildDraft draft = new BuildDraft();
        draft.ciSystem = NAME;
        draft.pipelineName = context.get("CI_PROJECT_PATH");
        draft.runId = context.get("CI_PIPELINE_ID");
        draft.runNumber = context.get("CI_PIPELINE_IID");
        draft.runAttempt = "1";
        draft.runUrl = context.get("CI_PIPELINE_URL");
        draft.jobUrl = context.get("CI_JOB_URL");
        draft.taskName = context.get("CI_JOB_NAME");
        draft.repositoryUrl = context.get("CI_PROJECT_URL");
        draft.revision = context.get("CI_COMMIT_SHA");
        draft.ref = context.get("CI_COMMIT_REF_NAME");
        draft.changeId = context.get("CI_MERGE_REQUEST_IID");
        draft.actor = context.get("GITLAB_USER_LOGIN");
        return draft;
    }
}
