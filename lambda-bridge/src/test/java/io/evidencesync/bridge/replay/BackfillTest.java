package io.evidencesync.bridge.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.sandbox.notify.S3EventJson;
import io.evidencesync.sandbox.notify.S3EventNotifier;
import io.evidencesync.sandbox.notify.S3KeyEncoding;
import io.evidencesync.sandbox.notify.S3NotificationSettings;
import io.evidencesync.sandbox.s3.S3SandboxExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The backfill's listing, filtering and event JSON against SandboxS3, and its command line. */
class BackfillTest {
    static final String BUCKET = "evidence-bucket";

    @RegisterExtension
    static final S3SandboxExtension SANDBOX = new S3SandboxExtension(BUCKET);

    static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = SANDBOX.s3().client(ApacheHttpClient.create());
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    List<String> events = new ArrayList<>();
    List<S3EventMessage.ObjectVersion> objects = new ArrayList<>();
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void reset() {
        events.clear();
        objects.clear();
        log.reset();
    }

    Backfill.Sink recorder() {
        return new Backfill.Sink() {
            @Override
            public boolean accept(S3EventMessage.ObjectVersion object, String event) {
                objects.add(object);
                events.add(event);
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    Backfill.Summary backfill(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--bucket", BUCKET, "--region", "us-east-1"));
        all.addAll(List.of(args));
        Backfill.Options options = Backfill.parse(all.toArray(String[]::new), Map.of());
        return Backfill.backfill(s3, options, recorder(), new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    String put(String key) {
        return s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("{}")).versionId();
    }

    @Test
    void shouldEmitOneEventPerObjectUnderThePrefixWithItsCurrentVersionAndSkipReceipts() throws Exception {
        put("evidence/a.json");
        String current = put("evidence/a.json"); // a second version: the event names the current one
        put("evidence/dir/my file:1+2.json");
        put("evidence/dir/");
        put("evidence-sync-receipts/evidence/a.json/" + current + ".json");
        put("elsewhere/b.json");

        Backfill.Summary summary = backfill("--prefix", "evidence");

        assertThat(objects).extracting(S3EventMessage.ObjectVersion::key)
                .containsExactly("evidence/a.json", "evidence/dir/my file:1+2.json");
        assertThat(objects.get(0).versionId()).isEqualTo(current);
        assertThat(summary.emitted).isEqualTo(2);
        assertThat(summary.folders).isEqualTo(1);
        assertThat(summary.receipts).as("'evidence' also matches the receipts prefix 'evidence-sync-receipts/'").isEqualTo(1);

        JsonObject record = JsonParser.parseString(events.get(1)).getAsJsonObject().getAsJsonArray("Records").get(0)
                .getAsJsonObject();
        String wireKey = record.getAsJsonObject("s3").getAsJsonObject("object").get("key").getAsString();
        assertThat(wireKey).isEqualTo("evidence/dir/my+file%3A1%2B2.json");
        assertThat(URLDecoder.decode(wireKey, StandardCharsets.UTF_8)).isEqualTo("evidence/dir/my file:1+2.json");
        assertThat(record.get("eventName").getAsString()).startsWith("ObjectCreated:");
        assertThat(record.getAsJsonObject("s3").getAsJsonObject("bucket").get("name").getAsString()).isEqualTo(BUCKET);
    }

    @Test
    void shouldEncodeKeysExactlyLikeTheSandboxNotifierAndS3() {
        for (String key : List.of("evidence/plain.json", "evidence/a b/c+d.json", "evidence/ü ñ/%41=&?#.json",
                "evidence/github/acme%2Fapp/ci/1/1/files/x.json", "evidence/~!*'();@,$.json")) {
            assertThat(S3EventMessage.encodeKey(key)).as(key).isEqualTo(S3KeyEncoding.encode(key));
        }
    }

    @Test
    void shouldHaveTheShapeOfTheEventS3SendsButNoSequencer() {
        put("evidence/shape.json");
        List<String> sent = new ArrayList<>();
        new S3EventNotifier(s3, new S3EventJson(S3NotificationSettings.defaults(), new SplittableRandom(1)), sent::add)
                .notifyObjectCreated(BUCKET, "evidence/shape.json");
        var head = s3.headObject(b -> b.bucket(BUCKET).key("evidence/shape.json"));
        String ours = S3EventMessage.render("us-east-1", new S3EventMessage.ObjectVersion(BUCKET, "evidence/shape.json",
                head.versionId(), head.contentLength(), head.eTag(), head.lastModified()));
        TreeSet<String> expected = paths(JsonParser.parseString(sent.get(0)), "");
        // a replay orders nothing among S3's own events of the key: the bridge must not read a made-up sequencer
        assertThat(expected.remove("/Records[]/s3/object/sequencer")).isTrue();
        assertThat(paths(JsonParser.parseString(ours), "")).isEqualTo(expected);
        JsonObject object = JsonParser.parseString(ours).getAsJsonObject().getAsJsonArray("Records").get(0).getAsJsonObject()
                .getAsJsonObject("s3").getAsJsonObject("object");
        JsonObject theirs = JsonParser.parseString(sent.get(0)).getAsJsonObject().getAsJsonArray("Records").get(0)
                .getAsJsonObject().getAsJsonObject("s3").getAsJsonObject("object");
        for (String field : List.of("key", "size", "eTag", "versionId")) {
            assertThat(object.get(field)).as(field).isEqualTo(theirs.get(field));
        }
    }

    static TreeSet<String> paths(JsonElement element, String prefix) {
        TreeSet<String> paths = new TreeSet<>();
        if (element.isJsonObject()) {
            for (var entry : element.getAsJsonObject().entrySet()) {
                paths.add(prefix + "/" + entry.getKey());
                paths.addAll(paths(entry.getValue(), prefix + "/" + entry.getKey()));
            }
        } else if (element.isJsonArray()) {
            for (JsonElement item : element.getAsJsonArray()) {
                paths.addAll(paths(item, prefix + "[]"));
            }
        }
        return paths;
    }

    @Test
    void shouldKeepOnlyObjectsModifiedInTheWindow() throws Exception {
        put("evidence/old.json");
        Instant between = Instant.now().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Thread.sleep(Math.max(0, between.toEpochMilli() - System.currentTimeMillis()) + 1100);
        put("evidence/new.json");

        backfill("--prefix", "evidence/", "--since", between.toString());
        assertThat(objects).extracting(S3EventMessage.ObjectVersion::key).containsExactly("evidence/new.json");

        objects.clear();
        Backfill.Summary summary = backfill("--prefix", "evidence/", "--until", between.toString());
        assertThat(objects).extracting(S3EventMessage.ObjectVersion::key).containsExactly("evidence/old.json");
        assertThat(summary.outsideWindow).isEqualTo(1);

        objects.clear();
        backfill("--prefix", "evidence/", "--since", "2000-01-01T00:00:00Z", "--until", "2100-01-01T00:00:00Z");
        assertThat(objects).hasSize(2);
    }

    @Test
    void shouldRefuseBadCommandLines() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream stdout = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(Backfill.run(new String[] {"--prefix", "evidence/"}, Map.of(), stdout, stderr)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--bucket is required", "usage:");
        assertThat(Backfill.run(new String[] {"--bucket", "b", "--invoke", "--out", "x"}, Map.of(), stdout, stderr))
                .isEqualTo(2);
        assertThat(Backfill.run(new String[] {"--bucket", "b", "--since", "2026-02-01T00:00:00Z", "--until",
                "2026-01-01T00:00:00Z"}, Map.of(), stdout, stderr)).isEqualTo(2);
        assertThat(Backfill.run(new String[] {"--bucket", "b", "--since", "yesterday"}, Map.of(), stdout, stderr)).isEqualTo(2);
        assertThat(Backfill.run(new String[] {"--bucket", "b", "--prefix", "evidence-sync-receipts/x"}, Map.of(), stdout,
                stderr)).isEqualTo(2);
        assertThat(Backfill.run(new String[] {"--bucket", "b", "--prefix", "team/receipts/"},
                Map.of("RECEIPTS_PREFIX", "team/receipts"), stdout, stderr)).isEqualTo(2);
        assertThat(Backfill.run(new String[] {"--help"}, Map.of(), stdout, stderr)).isZero();
        assertThat(Backfill.parse(new String[] {"--bucket", "b"}, Map.of()).receiptsPrefix())
                .isEqualTo(EvidenceContract.DEFAULT_RECEIPTS_PREFIX + "/");
    }
}
