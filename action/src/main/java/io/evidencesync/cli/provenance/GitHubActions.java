package io.evidencesync.cli.provenance;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.evidencesync.cli.CliContext;

/**
 * GitHub Actions (GITHUB_ACTIONS=true). The run URL carries the attempt, as actions/attest uses it; the pipeline is
 * {@code owner/repo/workflow} because the key layout needs it unique across repositories; the job URL needs the
 * numeric job id, which only the {@code job.check_run_id} expression knows, so the action passes it in.
 */
final class GitHubActions implements CiSystem {
    static final String NAME = "github-actions";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isRunning(CliContext context) {
        return context.isTrue("GITHUB_ACTIONS");
    }

    @Override
    public BuildDraft read(CliContext context, String jobId) {
        String server = stripSlash(orDefault(context.get("GITHUB_SERVER_URL"), "https://github.com"));
        String repository = context.get("GITHUB_REPOSITORY");
        String runId = context.get("GITHUB_RUN_ID");
        String attempt = orDefault(context.get("GITHUB_RUN_ATTEMPT"), "1");
        BuildDraft draft = new BuildDraft();
        draft.ciSystem = NAME;
        draft.runId = runId;
        draft.runNumber = context.get("GITHUB_RUN_NUMBER");
        draft.runAttempt = attempt;
        if (repository != null) {
            String workflow = context.get("GITHUB_WORKFLOW");
            draft.pipelineName = workflow == null ? null : repository + "/" + workflow;
            draft.repositoryUrl = server + "/" + repository;
            if (runId != null) {
                draft.runUrl = server + "/" + repository + "/actions/runs/" + runId + "/attempts/" + attempt;
                if (jobId != null) {
                    draft.jobUrl = server + "/" + repository + "/actions/runs/" + runId + "/job/" + jobId;
                }
            }
        }
        draft.taskName = context.get("GITHUB_JOB");
        draft.revision = context.get("GITHUB_SHA");
        draft.ref = context.get("GITHUB_REF");
        draft.actor = context.get("GITHUB_ACTOR");
        draft.changeId = pullRequestNumber(context);
        putIfPresent(draft, "github.server.url", server);
        putIfPresent(draft, "github.repository", repository);
        putIfPresent(draft, "github.repository.id", context.get("GITHUB_REPOSITORY_ID"));
        putIfPresent(draft, "github.workflow.ref", context.get("GITHUB_WORKFLOW_REF"));
        putIfPresent(draft, "github.event.name", context.get("GITHUB_EVENT_NAME"));
        putIfPresent(draft, "github.runner.environment", context.get("RUNNER_ENVIRONMENT"));
        if (jobId != null) {
            putIfPresent(draft, "github.job.check_run_id", jobId);
        }
        return draft;
    }

    /** {@code pull_request.number} from the event payload (pull_request and pull_request_target events). */
    private static String pullRequestNumber(CliContext context) {
        String eventPath = context.get("GITHUB_EVENT_PATH");
        if (eventPath == null) {
            return null;
        }
        Path path = context.workingDirectory().resolve(eventPath);
        if (!Files.isRegularFile(path)) {
            return null;
        }
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            JsonElement event = JsonParser.parseReader(reader);
            if (!event.isJsonObject()) {
                return null;
            }
            JsonElement pullRequest = event.getAsJsonObject().get("pull_request");
            if (pullRequest == null || !pullRequest.isJsonObject()) {
                return null;
            }
            JsonElement number = ((JsonObject) pullRequest).get("number");
            return number != null && number.isJsonPrimitive() ? number.getAsString() : null;
        } catch (IOException | JsonParseException | IllegalStateException e) {
            return null; // the event payload is optional for provenance; a broken one is not the user's evidence
        }
    }

    private static void putIfPresent(BuildDraft draft, String key, String value) {
        if (value != null) {
            draft.extras.put(key, value);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
