package io.evidencesync.core.provenance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.evidencesync.core.EvidenceException;

/**
 * Which build produced a piece of evidence. Field names follow the OpenTelemetry {@code cicd.*} and {@code vcs.*}
 * semantic conventions where one exists ({@link #toAttributes()}); the rest are Evidence Sync extensions, listed in
 * docs/contract.md.
 * <p>
 * The URLs lose any user information ({@code https://user:token@host/…} becomes {@code https://host/…}): a checkout
 * URL with a token in it must not end up in S3 metadata, manifests or an auditor's trace.
 *
 * @param ciSystem       the CI system: {@code github-actions}, {@code jenkins}, {@code gitlab-ci} or another name
 * @param pipelineName   the pipeline, unique within the CI system (Jenkins: full job name; GitHub: owner/repo/workflow)
 * @param runId          the run, unique within the pipeline (Jenkins: build number; GitHub: run id)
 * @param runNumber      the human run number where it differs from the id (GitHub: run number), else null
 * @param runAttempt     the attempt of this run, 1 for the first
 * @param runUrl         the run's page
 * @param jobUrl         the job (task) page, when known
 * @param taskName       the job (task) name, when known
 * @param repositoryUrl  the source repository, without {@code .git}
 * @param revision       the commit
 * @param ref            the branch or tag
 * @param changeId       the pull/merge request number, when the run is for one
 * @param actor          who started the run
 */
public record BuildProvenance(
        String ciSystem,
        String pipelineName,
        String runId,
        String runNumber,
        int runAttempt,
        String runUrl,
        String jobUrl,
        String taskName,
        String repositoryUrl,
        String revision,
        String ref,
        String changeId,
        String actor) {

    public static final String CICD_SYSTEM = "cicd.system";
    public static final String CICD_PIPELINE_NAME = "cicd.pipeline.name";
    public static final String CICD_RUN_ID = "cicd.pipeline.run.id";
    public static final String CICD_RUN_NUMBER = "cicd.pipeline.run.number";
    public static final String CICD_RUN_ATTEMPT = "cicd.pipeline.run.attempt";
    public static final String CICD_RUN_URL = "cicd.pipeline.run.url.full";
    public static final String CICD_TASK_NAME = "cicd.pipeline.task.name";
    public static final String CICD_TASK_RUN_URL = "cicd.pipeline.task.run.url.full";
    public static final String CICD_RUN_ACTOR = "cicd.pipeline.run.actor";
    public static final String VCS_REPOSITORY_URL = "vcs.repository.url.full";
    public static final String VCS_REVISION = "vcs.ref.head.revision";
    public static final String VCS_REF = "vcs.ref.head.name";
    public static final String VCS_CHANGE_ID = "vcs.change.id";
    private static final java.util.regex.Pattern USER_INFO =
            java.util.regex.Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@"); // to the authority's last '@'

    public BuildProvenance {
        ciSystem = required(ciSystem, "ciSystem");
        pipelineName = required(pipelineName, "pipelineName");
        runId = required(runId, "runId");
        runUrl = withoutUserInfo(required(runUrl, "runUrl"));
        if (runAttempt < 1) {
            throw new EvidenceException("build provenance: runAttempt must be 1 or more, was " + runAttempt);
        }
        runNumber = blankToNull(runNumber);
        jobUrl = withoutUserInfo(blankToNull(jobUrl));
        taskName = blankToNull(taskName);
        repositoryUrl = stripGitSuffix(withoutUserInfo(blankToNull(repositoryUrl)));
        revision = blankToNull(revision);
        ref = blankToNull(ref);
        changeId = blankToNull(changeId);
        actor = blankToNull(actor);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The provenance as OpenTelemetry-style attributes, in a fixed order, without absent values. */
    public Map<String, String> toAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(CICD_SYSTEM, ciSystem);
        attributes.put(CICD_PIPELINE_NAME, pipelineName);
        attributes.put(CICD_RUN_ID, runId);
        putIfPresent(attributes, CICD_RUN_NUMBER, runNumber);
        attributes.put(CICD_RUN_ATTEMPT, Integer.toString(runAttempt));
        attributes.put(CICD_RUN_URL, runUrl);
        putIfPresent(attributes, CICD_TASK_NAME, taskName);
        putIfPresent(attributes, CICD_TASK_RUN_URL, jobUrl);
        putIfPresent(attributes, CICD_RUN_ACTOR, actor);
        putIfPresent(attributes, VCS_REPOSITORY_URL, repositoryUrl);
        putIfPresent(attributes, VCS_REVISION, revision);
        putIfPresent(attributes, VCS_REF, ref);
        putIfPresent(attributes, VCS_CHANGE_ID, changeId);
        return attributes;
    }

    /** Reads provenance back from {@link #toAttributes()} output (for example a manifest). */
    public static BuildProvenance fromAttributes(Map<String, String> attributes) {
        String attempt = attributes.getOrDefault(CICD_RUN_ATTEMPT, "1");
        int parsedAttempt;
        try {
            parsedAttempt = Integer.parseInt(attempt);
        } catch (NumberFormatException e) {
            throw new EvidenceException("build provenance: " + CICD_RUN_ATTEMPT + " is not a number: " + attempt, e);
        }
        return new BuildProvenance(attributes.get(CICD_SYSTEM), attributes.get(CICD_PIPELINE_NAME),
                attributes.get(CICD_RUN_ID), attributes.get(CICD_RUN_NUMBER), parsedAttempt,
                attributes.get(CICD_RUN_URL), attributes.get(CICD_TASK_RUN_URL), attributes.get(CICD_TASK_NAME),
                attributes.get(VCS_REPOSITORY_URL), attributes.get(VCS_REVISION), attributes.get(VCS_REF),
                attributes.get(VCS_CHANGE_ID), attributes.get(CICD_RUN_ACTOR));
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new EvidenceException("build provenance: " + name + " is required but was not given");
        }
        return value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@code scheme://user:password@host/…} without {@code user:password@}; anything else as it is. */
    private static String withoutUserInfo(String url) {
        return url == null ? null : USER_INFO.matcher(url).replaceFirst("$1");
    }

    private static String stripGitSuffix(String url) {
        return url != null && url.endsWith(".git") ? url.substring(0, url.length() - 4) : url;
    }

    /** Builds a {@link BuildProvenance}; {@link #build()} checks the required fields. */
    public static final class Builder {
        private String ciSystem;
        private String pipelineName;
        private String runId;
        private String runNumber;
        private int runAttempt = 1;
        private String runUrl;
        private String jobUrl;
        private String taskName;
        private String repositoryUrl;
        private String revision;
        private String ref;
        private String changeId;
        private String actor;

        private Builder() {
        }

        public Builder ciSystem(String value) {
            this.ciSystem = value;
            return this;
        }

        public Builder pipelineName(String value) {
            this.pipelineName = value;
            return this;
        }

        public Builder runId(String value) {
            this.runId = value;
            return this;
        }

        public Builder runNumber(String value) {
            this.runNumber = value;
            return this;
        }

        public Builder runAttempt(int value) {
            this.runAttempt = value;
            return this;
        }

        public Builder runUrl(String value) {
            this.runUrl = value;
            return this;
        }

        public Builder jobUrl(String value) {
            this.jobUrl = value;
            return this;
        }

        public Builder taskName(String value) {
            this.taskName = value;
            return this;
        }

        public Builder repositoryUrl(String value) {
            this.repositoryUrl = value;
            return this;
        }

        public Builder revision(String value) {
            this.revision = value;
            return this;
        }

        public Builder ref(String value) {
            this.ref = value;
            return this;
        }

        public Builder changeId(String value) {
            this.changeId = value;
            return this;
        }

        public Builder actor(String value) {
            this.actor = value;
            return this;
        }

        public BuildProvenance build() {
            return new BuildProvenance(ciSystem, pipelineName, runId, runNumber, runAttempt, runUrl, jobUrl,
                    taskName, repositoryUrl, revision, ref, changeId, actor);
        }
    }

    /** Null-safe equality helper for callers comparing provenance from two sources. */
    public boolean sameRun(BuildProvenance other) {
        return other != null && ciSystem.equals(other.ciSystem) && pipelineName.equals(other.pipelineName)
                && runId.equals(other.runId) && runAttempt == other.runAttempt
                && Objects.equals(runUrl, other.runUrl);
    }
}
