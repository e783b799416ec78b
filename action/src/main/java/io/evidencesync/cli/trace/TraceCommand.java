package io.evidencesync.cli.trace;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.evidencesync.cli.CliContext;
import io.evidencesync.cli.EvidenceSyncCli;
import io.evidencesync.cli.UsageException;
import io.evidencesync.cli.s3.AwsAccess;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.hyperproof.Deadline;
import io.evidencesync.core.trace.ChainTracer;
import io.evidencesync.core.trace.HyperproofProofSource;
import io.evidencesync.core.trace.S3TraceStore;
import io.evidencesync.core.trace.TraceRenderer;
import io.evidencesync.core.trace.TraceReport;
import io.evidencesync.core.trace.TraceTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evidence-sync trace}: the auditor's chain from a proof id, an S3 object or a build URL, every link
 * recomputed (docs/auditor-guide.md). Read-only. Exit 0 only when every link verifies.
 */
@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Trace evidence through build → run manifest → S3 object → receipt → Hyperproof proof and verify"
                + " every link against the SHA-256 recorded when the build published it.",
                "Configuration uses the bridge's names: HYPERPROOF_API_URL, HYPERPROOF_TOKEN_URL, SSM_CLIENT_ID_PATH,"
                        + " SSM_SECRET_PATH (or HYPERPROOF_CLIENT_ID / HYPERPROOF_CLIENT_SECRET), RECEIPTS_PREFIX,"
                        + " AWS_REGION and the AWS SDK credentials chain."},
        footer = {"", "Exit codes: 0 every link verified, 1 a link is broken (each is named) or a lookup failed, 2 usage error."})
public final class TraceCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "<proof id | s3://bucket/key[?versionId=] | build URL>",
            description = "Where to start.")
    String target;

    @Option(names = "--bucket", paramLabel = "<name>",
            description = "The evidence bucket, needed for a proof id or a build URL. Env: EVIDENCE_BUCKET.")
    String bucket;

    @Option(names = "--format", paramLabel = "<text|json>", description = "Output format (default: text).")
    String format = "text";

    @Option(names = "--region", paramLabel = "<region>", description = "AWS region (default: AWS_REGION). Env: EVIDENCE_REGION.")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "<url>",
            description = "S3-compatible endpoint instead of AWS. Env: EVIDENCE_ENDPOINT_URL.")
    String endpointUrl;

    @Option(names = "--manifest-history",
            description = "Also check that every earlier version of each run manifest is kept, unchanged, in the later"
                    + " ones: an object and its manifest rewritten consistently show only there. Needs"
                    + " s3:ListBucketVersions.")
    boolean manifestHistory;

    @Option(names = "--receipts-prefix", paramLabel = "<prefix>",
            description = "The bridge's receipts prefix (default: " + EvidenceContract.DEFAULT_RECEIPTS_PREFIX + "). Env: RECEIPTS_PREFIX.")
    String receiptsPrefix;

    public TraceCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String output = format.toLowerCase(Locale.ROOT);
        if (!output.equals("text") && !output.equals("json")) {
            throw new UsageException("--format: '" + format + "' is not text or json");
        }
        TraceTarget start;
        try {
            start = TraceTarget.parse(target);
        } catch (EvidenceException e) {
            throw new UsageException(e.getMessage());
        }
        String evidenceBucket = first(bucket, context.get("EVIDENCE_BUCKET"));
        if (evidenceBucket == null && !(start instanceof TraceTarget.S3Object)) {
            throw new UsageException("tracing from a " + (start instanceof TraceTarget.ProofId ? "proof id" : "build URL")
                    + " needs the evidence bucket: set --bucket or EVIDENCE_BUCKET");
        }
        String receipts = first(receiptsPrefix, context.get("RECEIPTS_PREFIX"), EvidenceContract.DEFAULT_RECEIPTS_PREFIX);
        try {
            EvidenceContract.normalizePrefix(receipts);
        } catch (EvidenceException e) {
            throw new UsageException("--receipts-prefix / RECEIPTS_PREFIX: " + e.getMessage());
        }
        String effectiveRegion = first(region, context.get("EVIDENCE_REGION"), context.get("AWS_REGION"),
                context.get("AWS_DEFAULT_REGION"));
        URI endpoint = endpoint(first(endpointUrl, context.get("EVIDENCE_ENDPOINT_URL")));
        try (AwsAccess aws = AwsAccess.open(context, effectiveRegion, endpoint, endpoint != null, 4)) {
            ChainTracer tracer = new ChainTracer(new S3TraceStore(aws.s3()),
                    new HyperproofProofSource(HyperproofAccess.client(context, aws.credentials(), aws.region(), aws.httpClient()),
                            Deadline.after(Duration.ofMinutes(5), Clock.systemUTC())),
                    evidenceBucket,
                    receipts);
            TraceReport report = (manifestHistory ? tracer.withManifestHistory() : tracer).trace(start);
            context.out().print(output.equals("json") ? TraceRenderer.json(report) + "\n" : TraceRenderer.text(report));
            return report.verified() ? EvidenceSyncCli.OK : EvidenceSyncCli.FAILED;
        }
    }

    private static URI endpoint(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new UsageException("--endpoint-url: '" + value + "' is not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--endpoint-url: '" + value + "' is not a URL");
        }
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
