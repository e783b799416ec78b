package io.evidencesync.bridge.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.provenance.BuildProvenance;
import io.evidencesync.core.publish.Digests;
import io.evidencesync.sandbox.hyperproof.HyperproofEmulatorExtension;
import io.evidencesync.sandbox.notify.S3EventJson;
import io.evidencesync.sandbox.notify.S3EventNotifier;
import io.evidencesync.sandbox.notify.S3NotificationSettings;
import io.evidencesync.sandbox.s3.S3SandboxExtension;
import io.evidencesync.sandbox.s3.SandboxS3;
import io.evidencesync.sandbox.ssm.SsmEmulatorExtension;
import io.evidencesync.sandbox.ssm.SsmEmulatorSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The backfill as an operator runs it: {@code java -cp target/evidence-sync-bridge.jar
 * io.evidencesync.bridge.replay.Backfill ...} in its own process, configured by the environment, against SandboxS3,
 * the Hyperproof emulator and the SSM emulator. An object already synced by a normal S3 event, then backfilled
 * (in-process through the handler, or as events sent again) never becomes a second proof.
 */
class BackfillIT {
    static final String BUCKET = "evidence-bucket";
    static final String CLIENT_ID = "backfill-client";
    static final String CLIENT_SECRET = "backfill-secret-0042";
    static final BuildProvenance BUILD = BuildProvenance.builder().ciSystem("github-actions")
            .pipelineName("acme/app/CI").runId("77").runAttempt(1)
            .runUrl("https://github.com/acme/app/actions/runs/77/attempts/1").revision("c0ffee").build();

    @RegisterExtension
    static final S3SandboxExtension S3 = new S3SandboxExtension(BUCKET);
    @RegisterExtension
    static final HyperproofEmulatorExtension HYPERPROOF = new HyperproofEmulatorExtension();
    @RegisterExtension
    static final SsmEmulatorExtension SSM = new SsmEmulatorExtension(SsmEmulatorSettings.defaults()
            .withCredentials(SandboxS3.DEFAULT_ACCESS_KEY, SandboxS3.DEFAULT_SECRET_KEY));

    @TempDir
    Path temp;

    static S3Client s3;
    static UUID owner;

    @BeforeAll
    static void client() {
        // the emulator's reset between tests keeps the directory (clients, users, controls), so register once
        HYPERPROOF.emulator().addServiceAccount(CLIENT_ID, CLIENT_SECRET);
        owner = HYPERPROOF.emulator().addUser("owner@example.com");
        HYPERPROOF.emulator().addControl("CC-7.2", "Change management");
        s3 = S3Client.builder().endpointOverride(S3.s3().endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        S3.s3().accessKey(), S3.s3().secretKey())))
                .httpClient(ApacheHttpClient.create()).build();
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @BeforeEach
    void ssmParameters() {
        SSM.emulator().putSecureString("/hyperproof/CLIENT_ID", CLIENT_ID);
        SSM.emulator().putSecureString("/hyperproof/CLIENT_SECRET", CLIENT_SECRET);
    }

    /** The function's environment (as template.yaml sets it), pointing at the stand-ins. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", SandboxS3.DEFAULT_ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SandboxS3.DEFAULT_SECRET_KEY);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_ENDPOINT_URL_S3", S3.s3().endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SSM", SSM.emulator().endpoint().toString());
        env.put("HYPERPROOF_API_URL", HYPERPROOF.emulator().baseUri().toString());
        env.put("HYPERPROOF_TOKEN_URL", HYPERPROOF.emulator().tokenUri().toString());
        env.put("HYPERPROOF_OWNER_ID", owner.toString());
        env.put("CONTROL_ID", "CC-7.2");
        env.put("ALLOWED_BUCKETS", BUCKET);
        env.put("RECEIPTS_PREFIX", "evidence-sync-receipts/");
        return env;
    }

    record Run(int exit, String stdout, String stderr) {
        /** outcome by key, from the bridge's JSON log lines */
        Map<String, String> outcomes() {
            Map<String, String> outcomes = new LinkedHashMap<>();
            for (String line : stdout.split("\n")) {
                if (line.startsWith("{") && line.contains("\"outcome\"")) {
                    JsonObject json = JsonParser.parseString(line).getAsJsonObject();
                    outcomes.put(json.get("key").getAsString(), json.get("outcome").getAsString());
                }
            }
            return outcomes;
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("bridge.jar", "target/evidence-sync-bridge.jar"));
        assertThat(jar).as("the shaded jar (mvn package)").exists();
        return jar;
    }

    Map<String, String> overrides = new LinkedHashMap<>();

    Run java(String classpath, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("HYPERPROOF_"));
        builder.environment().putAll(environment());
        builder.environment().putAll(overrides);
        Path out = Files.createTempFile(temp, "stdout", ".txt");
        Path err = Files.createTempFile(temp, "stderr", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("process finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    Run backfill(String... args) throws IOException, InterruptedException {
        return java(jar().toString(), Backfill.class.getName(), args);
    }

    /** S3 "delivers" the events in the file to the function (the bridge's S3EventHandler in its own process). */
    Run deliver(Path events) throws IOException, InterruptedException {
        String testClasses = Path.of(DeliverEvents.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString();
        return java(jar() + File.pathSeparator + testClasses, DeliverEvents.class.getName(), events.toString());
    }

    String putEvidence(String relativePath) throws IOException {
        String key = EvidenceContract.evidenceKey("evidence", BUILD, relativePath);
        byte[] bytes;
        try (var in = BackfillIT.class.getResourceAsStream("/otlp-logs.json")) {
            bytes = in.readAllBytes();
        }
        var sha = Digests.sha256();
        sha.update(bytes);
        Map<String, String> metadata = EvidenceContract.objectMetadata(BUILD, Digests.hex(sha.digest()),
                EvidenceFormat.OTLP_JSON, false, EvidenceContract.manifestKey("evidence", BUILD), null);
        s3.putObject(b -> b.bucket(BUCKET).key(key).metadata(metadata).contentType("application/json"),
                RequestBody.fromBytes(bytes));
        return key;
    }

    List<String> receiptKeys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("evidence-sync-receipts/")).contents().stream()
                .map(S3Object::key).toList();
    }

    @Test
    void shouldSyncOnlyWhatTheNormalSyncMissedAndNeverDuplicateAProof() throws Exception {
        // the normal path: S3's event for the first object reaches the function
        String synced = putEvidence("reports/scan 1+final.json");
        List<String> sent = new ArrayList<>();
        new S3EventNotifier(s3, new S3EventJson(S3NotificationSettings.defaults(), new SplittableRandom(3)), sent::add)
                .notifyObjectCreated(BUCKET, synced);
        Path normal = temp.resolve("normal.jsonl");
        Files.write(normal, sent, StandardCharsets.UTF_8);
        Run first = deliver(normal);
        assertThat(first.exit()).as(first.stderr()).isZero();
        assertThat(first.outcomes()).containsExactly(Map.entry(synced, "synced"));
        assertThat(HYPERPROOF.emulator().proofs()).hasSize(1);

        // an object written while the notification was off: no event ever came
        String missed = putEvidence("reports/sbom.json");

        // backfill through the handler, in-process
        Run backfill = backfill("--bucket", BUCKET, "--prefix", "evidence/", "--since", "2000-01-01T00:00:00Z",
                "--until", "2100-01-01T00:00:00Z", "--invoke");
        assertThat(backfill.exit()).as(backfill.stderr()).isZero();
        assertThat(backfill.outcomes()).containsEntry(synced, "duplicate").containsEntry(missed, "synced").hasSize(2);
        assertThat(backfill.stderr()).contains("emitted 2, failed 0");
        assertThat(HYPERPROOF.emulator().proofs()).as("one proof per object, none twice").hasSize(2);

        // the whole bucket again, receipts included in the listing: they are skipped, everything is a duplicate
        Run again = backfill("--bucket", BUCKET, "--invoke");
        assertThat(again.exit()).as(again.stderr()).isZero();
        assertThat(again.outcomes()).containsEntry(synced, "duplicate").containsEntry(missed, "duplicate").hasSize(2);
        assertThat(again.stderr()).containsPattern("skipped: 0 outside the time window, [1-9][0-9]* receipts");
        assertThat(HYPERPROOF.emulator().proofs()).hasSize(2);
        int receipts = receiptKeys().size();

        // events to a file (to send with aws sqs send-message / aws lambda invoke), then delivered: duplicates only
        Path events = temp.resolve("events.jsonl");
        Run written = backfill("--bucket", BUCKET, "--prefix", "evidence/", "--out", events.toString());
        assertThat(written.exit()).as(written.stderr()).isZero();
        assertThat(Files.readAllLines(events)).hasSize(2);
        Run delivered = deliver(events);
        assertThat(delivered.exit()).as(delivered.stderr()).isZero();
        assertThat(delivered.outcomes()).containsEntry(synced, "duplicate").containsEntry(missed, "duplicate");
        assertThat(HYPERPROOF.emulator().proofs()).hasSize(2);
        assertThat(receiptKeys()).as("no new receipts either").hasSize(receipts);
    }

    @Test
    void shouldStopWithTheBridgesConfigurationErrorBeforeTouchingAnything() throws Exception {
        putEvidence("reports/x.json");
        overrides.put("CONTROL_MAP", "{not json");
        Run run = backfill("--bucket", BUCKET, "--invoke");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("CONTROL_MAP is not valid JSON");
        assertThat(run.stdout()).contains("\"message\":\"invalid configuration\"");
        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
        assertThat(receiptKeys()).isEmpty();
    }
}
