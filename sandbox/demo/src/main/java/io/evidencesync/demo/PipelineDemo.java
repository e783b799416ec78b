package io.evidencesync.demo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.evidencesync.bridge.S3EventHandler;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.hyperproof.ClientCredentials;
import io.evidencesync.core.hyperproof.Deadline;
import io.evidencesync.core.hyperproof.HttpTransport;
import io.evidencesync.core.hyperproof.HyperproofClient;
import io.evidencesync.core.hyperproof.HyperproofEndpoints;
import io.evidencesync.core.hyperproof.RetryPolicy;
import io.evidencesync.core.hyperproof.TokenProvider;
import io.evidencesync.core.hyperproof.UrlConnectionTransport;
import io.evidencesync.core.provenance.BuildProvenance;
import io.evidencesync.core.publish.EvidencePublisher;
import io.evidencesync.core.publish.PublishListener;
import io.evidencesync.core.publish.PublishRequest;
import io.evidencesync.core.publish.PublishResult;
import io.evidencesync.core.publish.PublishedObject;
import io.evidencesync.core.publish.PublisherOptions;
import io.evidencesync.core.trace.ChainTracer;
import io.evidencesync.core.trace.HyperproofProofSource;
import io.evidencesync.core.trace.S3TraceStore;
import io.evidencesync.core.trace.TraceRenderer;
import io.evidencesync.core.trace.TraceReport;
import io.evidencesync.core.trace.TraceTarget;
import io.evidencesync.sandbox.Sandbox;
import io.evidencesync.sandbox.SandboxOptions;
import io.evidencesync.sandbox.notify.S3EventJson;
import io.evidencesync.sandbox.notify.S3EventNotifier;
import io.evidencesync.sandbox.notify.S3NotificationSettings;
import io.evidencesync.sandbox.s3.SandboxS3;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole pipeline on the local stand-ins, in one process: a GitHub Actions run publishes the ComplyBeacon sample
 * evidence to S3 (the same core the CLI and the Jenkins plugin use), S3 notifies, the bridge (its real handler)
 * reads the Hyperproof credentials from SSM and uploads proof to the emulated Hyperproof, writes its receipts, and
 * the auditor's trace follows and verifies the chain from the build URL. {@code sandbox/run-demo.sh} runs it.
 */
public final class PipelineDemo {
    static final String RUN_URL = "https://github.com/acme/payments/actions/runs/4242/attempts/1";

    private final Sandbox sandbox;
    private final S3Client s3;
    private final PrintStream out;

    PipelineDemo(Sandbox sandbox, S3Client s3, PrintStream out) {
        this.sandbox = sandbox;
        this.s3 = s3;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()); S3Client s3 = s3Client(sandbox.s3())) {
            TraceReport report = new PipelineDemo(sandbox, s3, System.out).run(Files.createTempDirectory("evidence-demo"));
            System.exit(report.verified() ? 0 : 1);
        }
    }

    /** Runs the pipeline and returns the trace from the build URL. */
    TraceReport run(Path workspace) throws IOException {
        step("1. The build publishes its evidence (GitHub Actions run " + RUN_URL + ")");
        PublishResult published = publish(workspace);
        for (PublishedObject object : published.objects()) {
            out.printf("   %-36s %s%n   %-36s sha256 %s, controls %s%n", object.path(), published.s3Uri(object.key()), "",
                    object.sha256(), object.summary().controls());
        }
        out.println("   manifest " + published.s3Uri(published.manifestKey()));

        step("2. S3 sends ObjectCreated events (delivered to the function directly, as an S3 event notification does)");
        List<String> events = events();
        out.println("   " + events.size() + " events, the first:");
        out.println(indent(events.get(0)));

        step("3. The bridge forwards each object to Hyperproof (its JSON log line per object)");
        deliver(events);
        out.println("   Hyperproof now holds " + sandbox.hyperproof().proofs().size() + " proofs");

        step("4. The auditor traces the build: build → manifest → S3 object → receipt → proof, every link verified");
        TraceReport report = traceWithManifestHistory(RUN_URL);
        out.println(TraceRenderer.text(report));
        return report;
    }

    /** The build's step: publish the sample evidence through core, as the CLI and the Jenkins plugin do. */
    PublishResult publish(Path workspace) throws IOException {
        copyFixtures(workspace);
        return new EvidencePublisher(s3, PublisherOptions.defaults("evidence-sync-demo/0.1.0"))
                .publish(PublishRequest.builder().bucket(Sandbox.BUCKET).baseDirectory(workspace)
                        .includes(List.of("reports/**")).provenance(build()).build(), PublishListener.NONE);
    }

    /** The S3 event notifications for everything under the evidence prefix, in key order (evidence, then manifest). */
    List<String> events() {
        List<String> events = new ArrayList<>();
        new S3EventNotifier(s3, new S3EventJson(S3NotificationSettings.defaults().withRegion(sandbox.s3().region()),
                new java.util.Random(1)), events::add).notifyExisting(Sandbox.BUCKET, "evidence/");
        return events;
    }

    /** Hands each event to the bridge's real handler, printing its per-object log lines. */
    void deliver(List<String> events) throws IOException {
        PrintStream original = System.out;
        System.setOut(new PrintStream(new LineFilter(out), true, StandardCharsets.UTF_8));
        try {
            S3EventHandler bridge = S3EventHandler.forEnvironment(bridgeEnvironment());
            for (String event : events) {
                bridge.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(), null);
            }
        } finally {
            System.setOut(original);
        }
    }

    /** The auditor's trace from a proof id, an S3 URI or a build URL. */
    TraceReport trace(String target) {
        return tracer().trace(TraceTarget.parse(target));
    }

    /** The same, also checking each run manifest's version history ({@code trace --manifest-history}). */
    TraceReport traceWithManifestHistory(String target) {
        return tracer().withManifestHistory().trace(TraceTarget.parse(target));
    }

    static BuildProvenance build() {
        return BuildProvenance.builder().ciSystem("github-actions").pipelineName("acme/payments/compliance")
                .runId("4242").runNumber("17").runAttempt(1).runUrl(RUN_URL)
                .repositoryUrl("https://github.com/acme/payments").revision("9fceb02d0ae598e95dc970b74767f19372d61af8")
                .ref("refs/heads/main").actor("octocat").taskName("scan").build();
    }

    /** What the function would get from its template: SSM paths, Hyperproof URLs, the owner, a control map. */
    Map<String, String> bridgeEnvironment() {
        SandboxS3 storage = sandbox.s3();
        return Map.of("AWS_REGION", storage.region(), "AWS_ACCESS_KEY_ID", storage.accessKey(),
                "AWS_SECRET_ACCESS_KEY", storage.secretKey(), "AWS_ENDPOINT_URL_S3", storage.endpoint().toString(),
                "AWS_ENDPOINT_URL_SSM", sandbox.ssm().endpoint().toString(),
                "HYPERPROOF_API_URL", sandbox.hyperproof().baseUri().toString(),
                "HYPERPROOF_TOKEN_URL", sandbox.hyperproof().tokenUri().toString(),
                "HYPERPROOF_OWNER_ID", sandbox.ownerUserId().toString(),
                "CONTROL_MAP", "{\"OSPS-QA-07.01\": \"OSPS-QA-07.01\"}");
    }

    private ChainTracer tracer() {
        // the auditor's own read access: the same SSM parameters the bridge reads, here fetched through the emulator
        ClientCredentials credentials = new SsmCredentials(sandbox).get();
        HttpTransport http = new UrlConnectionTransport();
        HyperproofEndpoints endpoints = new HyperproofEndpoints(sandbox.hyperproof().baseUri(), sandbox.hyperproof().tokenUri());
        HyperproofClient client = new HyperproofClient(http, endpoints,
                new TokenProvider(http, endpoints.tokenUrl(), () -> credentials, Clock.systemUTC()), RetryPolicy.defaults());
        return new ChainTracer(new S3TraceStore(s3),
                new HyperproofProofSource(client, Deadline.after(Duration.ofMinutes(2), Clock.systemUTC())),
                Sandbox.BUCKET, EvidenceContract.DEFAULT_RECEIPTS_PREFIX);
    }

    private void copyFixtures(Path workspace) throws IOException {
        Path reports = Files.createDirectories(workspace.resolve("reports"));
        for (String fixture : List.of("otlp-logs-with-control.json", "ocsf-scan-activity.json", "otlp-logs.json")) {
            try (InputStream in = PipelineDemo.class.getResourceAsStream("/complybeacon/" + fixture)) {
                Files.write(reports.resolve(fixture), in.readAllBytes());
            }
        }
    }

    private void step(String title) {
        out.println();
        out.println(title);
    }

    private static String indent(String json) {
        String pretty = new com.google.gson.GsonBuilder().setPrettyPrinting().create()
                .toJson(com.google.gson.JsonParser.parseString(json));
        return pretty.lines().map(line -> "   " + line).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    static S3Client s3Client(SandboxS3 storage) {
        return storage.client(ApacheHttpClient.create());
    }
}
