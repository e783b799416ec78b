package io.evidencesync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.evidencesync.cli.EvidenceSyncCli;
import io.evidencesync.sandbox.Sandbox;
import io.evidencesync.sandbox.SandboxOptions;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code evidence-sync trace} as an auditor runs it, configured with the bridge's names, against the sandbox. */
class TraceCommandTest {
    @TempDir
    Path workspace;

    private Sandbox sandbox;
    private S3Client s3;
    private PipelineDemo pipeline;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void runThePipeline() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        s3 = PipelineDemo.s3Client(sandbox.s3());
        pipeline = new PipelineDemo(sandbox, s3, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        pipeline.publish(workspace);
        pipeline.deliver(pipeline.events());
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
        sandbox.close();
    }

    @Test
    void shouldExitZeroAndPrintTheVerifiedChainOfABuild() {
        int exit = trace(PipelineDemo.RUN_URL, "--bucket", Sandbox.BUCKET);

        assertThat(exit).as(text(err)).isZero();
        assertThat(text(out)).contains("Build   " + PipelineDemo.RUN_URL, "Evidence reports/otlp-logs-with-control.json",
                "on control OSPS-QA-07.01", "VERIFIED: every link holds.");
    }

    @Test
    void shouldCheckTheManifestsHistoryWhenAsked() {
        int exit = trace(PipelineDemo.RUN_URL, "--bucket", Sandbox.BUCKET, "--manifest-history");

        assertThat(exit).as(text(err)).isZero();
        assertThat(text(out)).contains("✓ every earlier version of the manifest is kept in the later ones");
    }

    @Test
    void shouldPrintJsonForTools() {
        int exit = trace(PipelineDemo.RUN_URL, "--bucket", Sandbox.BUCKET, "--format", "json");

        assertThat(exit).isZero();
        assertThat(com.google.gson.JsonParser.parseString(text(out)).getAsJsonObject().get("verified").getAsBoolean()).isTrue();
    }

    @Test
    void shouldExitOneNamingTheBrokenLinkOfATamperedProof() {
        UUID proofId = sandbox.hyperproof().proofs().get(0).id();
        sandbox.hyperproof().tamperContent(proofId, 0, "{}".getBytes(StandardCharsets.UTF_8));

        int exit = trace(proofId.toString(), "--bucket", Sandbox.BUCKET);

        assertThat(exit).isEqualTo(EvidenceSyncCli.FAILED);
        assertThat(text(out)).contains("✗ the bytes Hyperproof serves match the publish-time SHA-256", "NOT VERIFIED");
    }

    @Test
    void shouldExitTwoForATargetItCannotRead() {
        int exit = trace("yesterday's build");

        assertThat(exit).isEqualTo(EvidenceSyncCli.USAGE);
        assertThat(text(err)).contains("neither a Hyperproof proof id");
    }

    @Test
    void shouldExitTwoWhenAProofIdOrBuildUrlComesWithoutTheBucket() {
        int fromBuild = trace(PipelineDemo.RUN_URL);
        int fromProof = trace(UUID.randomUUID().toString());

        assertThat(fromBuild).isEqualTo(EvidenceSyncCli.USAGE);
        assertThat(fromProof).isEqualTo(EvidenceSyncCli.USAGE);
        assertThat(text(err)).contains("tracing from a build URL needs the evidence bucket: set --bucket or EVIDENCE_BUCKET",
                "tracing from a proof id needs the evidence bucket");
    }

    @Test
    void shouldExitTwoForAReceiptsPrefixThatIsNotAPlainPrefix() {
        int exit = trace(PipelineDemo.RUN_URL, "--bucket", Sandbox.BUCKET, "--receipts-prefix", "receipts/../evidence");

        assertThat(exit).isEqualTo(EvidenceSyncCli.USAGE);
        assertThat(text(err)).contains("--receipts-prefix / RECEIPTS_PREFIX: prefix 'receipts/../evidence' is not a plain key prefix");
    }

    @Test
    void shouldNeverPrintTheHyperproofSecretOrTheAwsSecret() {
        trace(PipelineDemo.RUN_URL, "--bucket", Sandbox.BUCKET, "--format", "json");
        trace(UUID.randomUUID().toString(), "--bucket", Sandbox.BUCKET);

        String secret = new SsmCredentials(sandbox).get().clientSecret();
        assertThat(text(out) + text(err)).doesNotContain(secret).doesNotContain(sandbox.s3().secretKey());
    }

    private int trace(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", sandbox.s3().accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", sandbox.s3().secretKey());
        env.put("AWS_REGION", sandbox.s3().region());
        env.put("EVIDENCE_ENDPOINT_URL", sandbox.s3().endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SSM", sandbox.ssm().endpoint().toString());
        env.put("HYPERPROOF_API_URL", sandbox.hyperproof().baseUri().toString());
        env.put("HYPERPROOF_TOKEN_URL", sandbox.hyperproof().tokenUri().toString());
        String[] all = new String[args.length + 1];
        all[0] = "trace";
        System.arraycopy(args, 0, all, 1, args.length);
        return new EvidenceSyncCli(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), workspace).run(all);
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
