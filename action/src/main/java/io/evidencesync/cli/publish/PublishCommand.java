package io.evidencesync.cli.publish;

import java.util.List;
import java.util.concurrent.Callable;

import io.evidencesync.cli.CliContext;
import io.evidencesync.cli.EvidenceSyncCli;
import io.evidencesync.cli.UsageException;
import io.evidencesync.cli.github.GitHubReporter;
import io.evidencesync.cli.provenance.ProvenanceOptions;
import io.evidencesync.cli.provenance.ProvenanceOptions.ResolvedBuild;
import io.evidencesync.cli.s3.AwsAccess;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.publish.EvidencePublisher;
import io.evidencesync.core.publish.PublishRequest;
import io.evidencesync.core.publish.PublishResult;
import io.evidencesync.core.publish.PublisherOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code evidence-sync publish}: finds the evidence files, validates them, uploads them with the build's provenance
 * and writes the run manifest. Settings come from flags, else from {@code EVIDENCE_*} variables (how the GitHub
 * Action passes its inputs), else defaults.
 */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        customSynopsis = "evidence-sync publish --bucket=<name> [--path=<glob>]... [OPTIONS]",
        description = {"Publish ComplyBeacon evidence (OTLP-JSON logs, OCSF JSON; gzip or not) to S3 with the build's "
                + "provenance and a run manifest.",
                "The build is detected from GitHub Actions, GitLab CI or Jenkins variables; flags override it.",
                "AWS credentials come from the environment or the AWS SDK default chain, never from options."},
        footer = {"", "Every option marked 'Env:' may instead be given as that variable; a flag wins.",
                "Exit codes: 0 published (or nothing to publish and allowed), 1 failed (refused evidence, S3 error), "
                        + "2 usage error."})
public final class PublishCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--bucket", paramLabel = "<name>", description = "The evidence bucket (required). Env: EVIDENCE_BUCKET.")
    String bucket;

    @Option(names = "--prefix", paramLabel = "<prefix>",
            description = "Key prefix (default: " + PublishSettings.DEFAULT_PREFIX + "). Env: EVIDENCE_PREFIX.")
    String prefix;

    @Option(names = "--region", paramLabel = "<region>",
            description = "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the SDK chain). Env: EVIDENCE_REGION.")
    String region;

    @Option(names = "--path", paramLabel = "<glob>",
            description = {"Ant-style include pattern, repeatable; commas and new lines separate several, e.g. "
                    + "reports/**/*.json. Required (or env EVIDENCE_PATH)."})
    List<String> paths;

    @Option(names = "--exclude", paramLabel = "<glob>", description = "Exclude pattern, same forms. Env: EVIDENCE_EXCLUDE.")
    List<String> excludes;

    @Option(names = "--base-dir", paramLabel = "<dir>",
            description = "Directory the patterns are relative to; a relative one is resolved against GITHUB_WORKSPACE "
                    + "on GitHub, else the working directory (default: that directory itself). Env: EVIDENCE_BASE_DIR.")
    String baseDir;

    @Option(names = "--if-no-files-found", paramLabel = "<error|warn|ignore>",
            description = "When nothing matches (default: error). Env: EVIDENCE_IF_NO_FILES_FOUND.")
    String ifNoFilesFound;

    @Option(names = "--control", paramLabel = "<id>",
            description = "Hyperproof control (UUID or controlIdentifier) for every object, overriding routing from the "
                    + "evidence. Env: EVIDENCE_CONTROL.")
    String control;

    @Option(names = "--endpoint-url", paramLabel = "<url>",
            description = "S3-compatible endpoint instead of AWS. Env: EVIDENCE_ENDPOINT_URL.")
    String endpointUrl;

    @Option(names = "--path-style", paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Path-style addressing (most S3-compatible stores need it). Env: EVIDENCE_PATH_STYLE.")
    Boolean pathStyle;

    @Option(names = "--sse", paramLabel = "<AES256|aws:kms>",
            description = "Server-side encryption (default: the bucket's). Env: EVIDENCE_SSE.")
    String sse;

    @Option(names = "--kms-key-id", paramLabel = "<id>",
            description = "KMS key for aws:kms (implies aws:kms). Env: EVIDENCE_KMS_KEY_ID.")
    String kmsKeyId;

    @Option(names = "--validate", paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Refuse files that are not ComplyBeacon evidence (default: true). Env: EVIDENCE_VALIDATE.")
    Boolean validate;

    @Option(names = "--no-validate", description = "Publish other files too, unparsed (malformed JSON is still refused).")
    boolean noValidate;

    @Option(names = "--dry-run", paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Discover, validate and plan the keys; write nothing. Env: EVIDENCE_DRY_RUN.")
    Boolean dryRun;

    @Option(names = "--concurrency", paramLabel = "<n>", defaultValue = "" + PublisherOptions.DEFAULT_CONCURRENCY,
            description = "Files uploaded at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Mixin
    ProvenanceOptions provenance;

    public PublishCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        NativeCrypto.loadInBackground();
        PublishSettings settings = PublishSettings.resolve(this, context);
        ResolvedBuild build = provenance.resolve(context);
        PublishRequest request;
        try {
            request = request(settings, build);
        } catch (EvidenceException e) {
            throw new UsageException(e.getMessage(), e);
        }
        boolean github = context.isTrue("GITHUB_ACTIONS");
        if (github) {
            GitHubReporter.maskAccountIds(context);
        }
        PublishReporter reporter = github ? new GitHubReporter(context) : new PlainReporter(context.out(), context.err());
        try (AwsAccess aws = AwsAccess.open(context, settings.region(), settings.endpoint(), settings.pathStyle(),
                settings.concurrency()).endpointOnly()) {
            if (!settings.dryRun()) {
                aws.prepareInBackground(); // SDK class loading overlaps reading the evidence
            }
            reporter.starting(settings, build, aws.credentialsDescription());
            EvidencePublisher publisher = new EvidencePublisher(aws::objects, PublisherOptions
                    .defaults("evidence-sync-cli/" + EvidenceSyncCli.version()).withConcurrency(settings.concurrency()));
            PublishResult result = publisher.publish(request, new NativeCrypto(reporter, context.out()::println));
            reporter.finished(result);
            return EvidenceSyncCli.OK;
        } catch (EvidenceException e) {
            reporter.failed(e);
            return EvidenceSyncCli.FAILED;
        }
    }

    private static PublishRequest request(PublishSettings settings, ResolvedBuild build) {
        PublishRequest.Builder request = PublishRequest.builder().bucket(settings.bucket()).prefix(settings.prefix())
                .baseDirectory(settings.baseDirectory()).ifNoFilesFound(settings.ifNoFilesFound())
                .controlOverride(settings.control()).allowOpaque(!settings.validate())
                .encryption(settings.encryption()).provenance(build.provenance()).dryRun(settings.dryRun())
                .extraProvenance(build.extras());
        if (!settings.includes().isEmpty()) {
            request.includes(settings.includes());
        }
        return request.excludes(settings.excludes()).build();
    }
}
