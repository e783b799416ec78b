package io.evidencesync.bridge;

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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.evidencesync.core.s3.S3Objects;
import io.evidencesync.core.s3.SignedS3;
import io.evidencesync.core.s3.S3Addressing;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.hyperproof.RetryPolicy;
import io.evidencesync.core.hyperproof.UrlConnectionTransport;
import io.evidencesync.core.provenance.BuildProvenance;
import io.evidencesync.core.publish.Digests;
import io.evidencesync.core.receipt.Receipt;
import io.evidencesync.core.receipt.ReceiptCodec;
import io.evidencesync.sandbox.hyperproof.HyperproofEmulator;
import io.evidencesync.sandbox.notify.S3EventJson;
import io.evidencesync.sandbox.notify.S3EventNotifier;
import io.evidencesync.sandbox.notify.S3NotificationSettings;
import io.evidencesync.sandbox.s3.SandboxS3;
import io.evidencesync.sandbox.ssm.SsmEmulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The bridge wired against the stand-ins (SandboxS3, HyperproofEmulator, SsmEmulator) with S3 events from the
 * S3EventNotifier; what every handler test builds on. Output of the bridge (logs, metrics) is captured.
 */
final class BridgeSandbox implements AutoCloseable {
    static final String BUCKET = "evidence-bucket";
    static final String CLIENT_ID = "bridge-client-id";
    static final String CLIENT_SECRET = "Hp-Secret/+=&value-0042";
    static final String CONTROL_IDENTIFIER = "CC-7.2";
    static final BuildProvenance BUILD = BuildProvenance.builder().ciSystem("github-actions")
            .pipelineName("acme/app/CI").runId("9001").runAttempt(2)
            .runUrl("https://github.com/acme/app/actions/runs/9001/attempts/2").revision("c0ffee").build();

    final SandboxS3 sandbox;
    final HyperproofEmulator hyperproof;
    final SsmEmulator ssm;
    final S3Client s3;
    /** What the bridge talks to S3 with: the SigV4-signed port, over Apache (url-connection flakes with S3Proxy 4.1.0). */
    final S3Objects signedS3;
    private final SdkHttpClient signedS3Http = ApacheHttpClient.create();
    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());
    final Path spool;
    final UUID owner;
    final UUID control;
    final UUID otherControl;
    private final List<String> notified = new ArrayList<>();
    private final S3EventNotifier notifier;

    BridgeSandbox(SandboxS3 sandbox, HyperproofEmulator hyperproof, SsmEmulator ssm, Path spool) {
        this.sandbox = sandbox;
        this.hyperproof = hyperproof;
        this.ssm = ssm;
        this.spool = spool;
        this.s3 = sandbox.client(ApacheHttpClient.create());
        this.signedS3 = SignedS3.create(signedS3Http, StaticCredentialsProvider.create(
                AwsBasicCredentials.create(sandbox.accessKey(), sandbox.secretKey())),
                new S3Addressing(sandbox.region(), sandbox.endpoint(), true));
        this.notifier = new S3EventNotifier(s3, new S3EventJson(S3NotificationSettings.defaults(), new SplittableRandom(7)),
                notified::add);
        hyperproof.addServiceAccount(CLIENT_ID, CLIENT_SECRET);
        owner = hyperproof.addUser("owner@example.com");
        control = hyperproof.addControl(CONTROL_IDENTIFIER, "Change management");
        otherControl = hyperproof.addControl("CC-6.1", "Logical access");
    }

    /** Call before each test (after the extensions reset the stand-ins). */
    void beforeEach() {
        ssm.putSecureString("/hyperproof/CLIENT_ID", CLIENT_ID);
        ssm.putSecureString("/hyperproof/CLIENT_SECRET", CLIENT_SECRET);
        output.reset();
        sleeps.clear();
    }

    /** The environment a deployment would have, pointing at the stand-ins. */
    Map<String, String> environment(String... overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("HYPERPROOF_API_URL", hyperproof.baseUri().toString());
        env.put("HYPERPROOF_TOKEN_URL", hyperproof.tokenUri().toString());
        env.put("HYPERPROOF_OWNER_ID", owner.toString());
        env.put("CONTROL_MAP", "{\"OSPS-QA-07.01\": \"" + CONTROL_IDENTIFIER + "\"}");
        env.put("AWS_ENDPOINT_URL_SSM", ssm.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_S3", sandbox.endpoint().toString());
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                env.remove(overrides[i]);
            } else {
                env.put(overrides[i], overrides[i + 1]);
            }
        }
        return env;
    }

    Bridge bridge(String... overrides) {
        return bridge(fastRetries(), Clock.systemUTC(), overrides);
    }

    static RetryPolicy fastRetries() {
        return new RetryPolicy(4, Duration.ofMillis(20), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    Bridge bridge(RetryPolicy retry, Clock clock, String... overrides) {
        return bridgeOver(signedS3, retry, clock, overrides);
    }

    /** The bridge over another S3 port than the sandbox's own (to inject a store that misbehaves). */
    Bridge bridgeOver(S3Objects s3, RetryPolicy retry, Clock clock, String... overrides) {
        BridgeConfig config = BridgeConfig.fromEnvironment(environment(overrides));
        ParameterStore parameters = new SsmParameterStore(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")),
                config.region(), config.ssmEndpoint());
        return Bridge.create(config, s3, parameters, new UrlConnectionTransport(), retry, sleeps::add, out,
                clock, spool);
    }

    // ---- evidence in S3 -------------------------------------------------------------------------------------

    static byte[] resource(String name) {
        try (InputStream in = BridgeSandbox.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String evidenceKey(String relativePath) {
        return EvidenceContract.evidenceKey("evidence", BUILD, relativePath);
    }

    /** Puts an object the way producers do: contract metadata with the right SHA-256. */
    PutObjectResponse putEvidence(String key, byte[] bytes, String controlOverride) {
        return putEvidence(key, bytes, controlOverride, Digests.hex(sha256(bytes)), EvidenceFormat.OTLP_JSON);
    }

    PutObjectResponse putEvidence(String key, byte[] bytes, String controlOverride, String sha256, EvidenceFormat format) {
        boolean gzip = bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        Map<String, String> metadata = EvidenceContract.objectMetadata(BUILD, sha256, format, gzip,
                EvidenceContract.manifestKey("evidence", BUILD), controlOverride);
        return s3.putObject(b -> b.bucket(BUCKET).key(key).metadata(metadata), RequestBody.fromBytes(bytes));
    }

    PutObjectResponse putRaw(String key, byte[] bytes) {
        return s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    static byte[] gzip(byte[] bytes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] sha256(byte[] bytes) {
        var digest = Digests.sha256();
        digest.update(bytes);
        return digest.digest();
    }

    /**
     * The S3 event JSON for the object's current version, exactly as S3 would send it; one notifier for the whole
     * sandbox, so a later version's event has a greater sequencer, as S3's do.
     */
    String eventFor(String key) {
        synchronized (notified) {
            notified.clear();
            notifier.notifyObjectCreated(BUCKET, key);
            return notified.get(0);
        }
    }

    // ---- what the bridge left behind ------------------------------------------------------------------------

    /** Receipts (per version and latest), without the trace index entries. */
    List<String> receiptKeys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(EvidenceContract.DEFAULT_RECEIPTS_PREFIX + "/"))
                .contents().stream().map(S3Object::key).filter(key -> !key.contains("/@index/")).toList();
    }

    /** The trace index entries (by proof id, by run URL). */
    List<String> indexKeys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(EvidenceContract.DEFAULT_RECEIPTS_PREFIX + "/@index/"))
                .contents().stream().map(S3Object::key).toList();
    }

    Receipt receipt(String key) {
        return ReceiptCodec.fromJson(key, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
    }

    String log() {
        return output.toString(StandardCharsets.UTF_8);
    }

    /** The JSON log lines about objects. */
    List<JsonObject> objectLines() {
        List<JsonObject> lines = new ArrayList<>();
        for (String line : log().split("\n")) {
            if (line.startsWith("{")) {
                JsonObject json = JsonParser.parseString(line).getAsJsonObject();
                if (json.has("outcome")) {
                    lines.add(json);
                }
            }
        }
        return lines;
    }

    /** The sum of one EMF metric over all metric documents written. */
    long metric(String name) {
        long sum = 0;
        for (String line : log().split("\n")) {
            if (line.startsWith("{\"_aws\"")) {
                sum += JsonParser.parseString(line).getAsJsonObject().get(name).getAsLong();
            }
        }
        return sum;
    }

    static Path tempDir(Path parent) {
        try {
            return Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        s3.close();
        signedS3Http.close();
    }
}
