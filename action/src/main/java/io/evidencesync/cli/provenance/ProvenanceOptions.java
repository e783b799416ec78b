package io.evidencesync.cli.provenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.evidencesync.cli.CliContext;
import io.evidencesync.cli.UsageException;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.provenance.BuildProvenance;
import picocli.CommandLine.Option;

/**
 * The build the evidence comes from: detected from GitHub Actions, GitLab CI or Jenkins variables, with every field
 * overridable by a flag (flags win). Outside those systems the four required flags must be given.
 */
public final class ProvenanceOptions {
    /** The environment variable the action sets from {@code job.check_run_id} (the {@code job-id} input). */
    public static final String JOB_ID_ENV = "EVIDENCE_JOB_ID";

    private static final List<CiSystem> SYSTEMS = List.of(new GitHubActions(), new GitLabCi(), new Jenkins());

    @Option(names = "--ci-system", paramLabel = "<name>",
            description = "CI system (detected: github-actions, gitlab-ci, jenkins).")
    String ciSystem;

    @Option(names = "--pipeline", paramLabel = "<name>",
            description = "Pipeline name, unique within the CI system (GitHub: owner/repo/workflow; Jenkins: JOB_NAME).")
    String pipelineName;

    @Option(names = "--run-id", paramLabel = "<id>", description = "Run id, unique within the pipeline.")
    String runId;

    @Option(names = "--run-number", paramLabel = "<n>", description = "Human run number, when it differs from the id.")
    String runNumber;

    @Option(names = "--run-attempt", paramLabel = "<n>", description = "Attempt of the run, from 1.")
    String runAttempt;

    @Option(names = "--run-url", paramLabel = "<url>", description = "The run's page.")
    String runUrl;

    @Option(names = "--job-name", paramLabel = "<name>", description = "The job (task) name.")
    String taskName;

    @Option(names = "--job-url", paramLabel = "<url>", description = "The job's page.")
    String jobUrl;

    @Option(names = "--job-id", paramLabel = "<id>",
            description = "GitHub: the job's numeric id (job.check_run_id), for the job URL. Env: " + JOB_ID_ENV + ".")
    String jobId;

    @Option(names = "--repository-url", paramLabel = "<url>", description = "The source repository.")
    String repositoryUrl;

    @Option(names = "--revision", paramLabel = "<sha>", description = "The commit.")
    String revision;

    @Option(names = "--ref", paramLabel = "<ref>", description = "The branch or tag.")
    String ref;

    @Option(names = "--change-id", paramLabel = "<n>", description = "The pull / merge request number.")
    String changeId;

    @Option(names = "--actor", paramLabel = "<user>", description = "Who started the run.")
    String actor;

    /** The CI system whose variables are present, if any (GitHub Actions first, then GitLab CI, then Jenkins). */
    public static Optional<String> detectedSystem(CliContext context) {
        return SYSTEMS.stream().filter(system -> system.isRunning(context)).map(CiSystem::name).findFirst();
    }

    /** Detects, overlays the flags and checks the required fields. */
    public ResolvedBuild resolve(CliContext context) {
        String job = jobId != null ? jobId : context.get(JOB_ID_ENV);
        if (job != null && !job.isBlank() && !job.strip().matches("[0-9]+")) {
            throw new UsageException("--job-id (action input job-id, " + JOB_ID_ENV + "): '" + job
                    + "' is not a numeric job id; pass ${{ job.check_run_id }}");
        }
        String jobIdValue = job == null || job.isBlank() ? null : job.strip();
        Optional<CiSystem> detected = SYSTEMS.stream().filter(system -> system.isRunning(context)).findFirst();
        BuildDraft draft = detected.map(system -> system.read(context, jobIdValue)).orElseGet(BuildDraft::new);
        draft.overlay(explicit());
        List<String> missing = new ArrayList<>();
        addIfMissing(missing, draft.ciSystem, "--ci-system");
        addIfMissing(missing, draft.pipelineName, "--pipeline");
        addIfMissing(missing, draft.runId, "--run-id");
        addIfMissing(missing, draft.runUrl, "--run-url");
        if (!missing.isEmpty()) {
            throw new UsageException(detected.map(system -> "the " + system.name() + " environment lacks "
                            + String.join(", ", missing) + "; give " + (missing.size() == 1 ? "it" : "them") + " explicitly")
                    .orElse("no CI system detected (GitHub Actions, GitLab CI, Jenkins); give the build explicitly: "
                            + String.join(", ", missing)));
        }
        int attempt = parseAttempt(draft.runAttempt);
        try {
            BuildProvenance provenance = BuildProvenance.builder().ciSystem(draft.ciSystem).pipelineName(draft.pipelineName)
                    .runId(draft.runId).runNumber(draft.runNumber).runAttempt(attempt).runUrl(draft.runUrl)
                    .jobUrl(draft.jobUrl).taskName(draft.taskName).repositoryUrl(draft.repositoryUrl)
                    .revision(draft.revision).ref(draft.ref).changeId(draft.changeId).actor(draft.actor).build();
            return new ResolvedBuild(provenance, Map.copyOf(new LinkedHashMap<>(draft.extras)),
                    detected.map(CiSystem::name).orElse(null));
        } catch (EvidenceException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private BuildDraft explicit() {
        BuildDraft draft = new BuildDraft();
        draft.ciSystem = ciSystem;
        draft.pipelineName = pipelineName;
        draft.runId = runId;
        draft.runNumber = runNumber;
        draft.runAttempt = runAttempt;
        draft.runUrl = runUrl;
        draft.jobUrl = jobUrl;
        draft.taskName = taskName;
        draft.repositoryUrl = repositoryUrl;
        draft.revision = revision;
        draft.ref = ref;
        draft.changeId = changeId;
        draft.actor = actor;
        return draft;
    }

    private static int parseAttempt(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int attempt = Integer.parseInt(value.strip());
            if (attempt < 1) {
                throw new UsageException("--run-attempt: must be 1 or more, was " + value);
            }
            return attempt;
        } catch (NumberFormatException e) {
            throw new UsageException("--run-attempt: '" + value + "' is not a number", e);
        }
    }

    private static void addIfMissing(List<String> missing, String value, String flag) {
        if (value == null || value.isBlank()) {
            missing.add(flag);
        }
    }

    /**
     * The build as resolved.
     *
     * @param provenance     what goes into metadata and the manifest
     * @param extras         CI-specific facts the contract has no field for (shown in the job summary and output)
     * @param detectedSystem the CI system detected from the environment, or null
     */
    public record ResolvedBuild(BuildProvenance provenance, Map<String, String> extras, String detectedSystem) {
    }
}
