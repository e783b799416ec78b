package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonObject;

import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.hyperproof.RetryPolicy;
import io.evidencesync.core.receipt.Receipt;
import io.evidencesync.core.receipt.ReceiptCodec;
import io.evidencesync.core.receipt.ReceiptProof;
import io.evidencesync.core.receipt.ReceiptStatus;
import io.evidencesync.core.s3.ObjectInfo;
import io.evidencesync.core.s3.OpenedObject;
import io.evidencesync.core.s3.S3Objects;
import io.evidencesync.sandbox.hyperproof.Fault;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Every fault the bridge must survive, each asserting the counts that matter: proofs in Hyperproof and receipts in
 * S3. Nothing lost (a failure fails the invocation), nothing doubled (one proof per object version and control).
 */
class FaultMatrixTest extends BridgeSandboxTest {
    private static final String UPLOAD = "/v1/controls/.+/proof";


    private String key;
    private PutObjectResponse put;

    private String evidence() {
        key = BridgeSandbox.evidenceKey("reports/scan " + UUID.randomUUID() + ".json");
        put = sandbox.putEvidence(key, BridgeSandbox.resource("otlp-logs-with-control.json"), null);
        return sandbox.eventFor(key);
    }

    private static String invoke(Bridge bridge, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new S3EventHandler(bridge).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                new TestContext());
        return out.toString(StandardCharsets.UTF_8);
    }

    private String receiptKey() {
        return EvidenceContract.receiptKey("evidence-sync-receipts", key, put.versionId());
    }

    private void assertSyncedOnce() {
        assertThat(HYPERPROOF.emulator().proofs()).hasSize(1);
        assertThat(HYPERPROOF.emulator().proofs().get(0).versions()).hasSize(1);
        assertThat(sandbox.receiptKeys()).hasSize(2);
        assertThat(sandbox.receipt(receiptKey()).status()).isEqualTo(ReceiptStatus.SYNCED);
    }

    static List<Fault> transientFaults() {
        return List.of(Fault.tooManyRequests(Duration.ofSeconds(1)), Fault.tooManyRequests(),
                Fault.bandwidthQuotaExceeded(), Fault.bandwidthQuotaExceeded(Duration.ofSeconds(2)),
                Fault.serverError(500), Fault.serverError(502), Fault.serverError(503),
                Fault.delay(Duration.ofMillis(300)), Fault.dropConnection(), Fault.acceptThenDropConnection());
    }

    @ParameterizedTest
    @MethodSource("transientFaults")
    void shouldSyncExactlyOnceThroughATransientUploadFault(Fault fault) throws IOException {
        String event = evidence();
        HYPERPROOF.emulator().faults().enqueue("POST", UPLOAD, fault);

        String result = invoke(sandbox.bridge(), event);

        assertThat(result).contains("\"synced\":1");
        assertSyncedOnce();
        if (fault instanceof Fault.Respond respond && respond.headers().containsKey("Retry-After")) {
            assertThat(sandbox.sleeps).contains(Long.parseLong(respond.headers().get("Retry-After")) * 1000);
        }
        if (!(fault instanceof Fault.Delay)) {
            assertThat(sandbox.metric("Retried")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void shouldAdoptTheProofWhenTheAnswerToTheUploadWasLost() throws IOException {
        String event = evidence();
        HYPERPROOF.emulator().faults().enqueue("POST", UPLOAD, Fault.acceptThenDropConnection());

        invoke(sandbox.bridge(), event);

        assertSyncedOnce();
        assertThat(sandbox.receipt(receiptKey()).proofs()).singleElement()
                .satisfies(p -> assertThat(p.action()).isEqualTo(ReceiptProof.ADOPTED));
    }

    @Test
    void shouldRetryATimedOutControlLookup() throws IOException {
        String event = evidence();
        HYPERPROOF.emulator().faults().enqueue("GET", "/v1/controls", Fault.delay(Duration.ofMillis(1500)));
        RetryPolicy shortTimeout = new RetryPolicy(4, Duration.ofMillis(20), Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofMillis(500));

        invoke(sandbox.bridge(shortTimeout, Clock.systemUTC()), event);

        assertSyncedOnce();
        assertThat(sandbox.metric("Retried")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldRefreshTheTokenOnceWhenItIsRevoked() throws IOException {
        Bridge bridge = sandbox.bridge();
        invoke(bridge, evidence());
        HYPERPROOF.emulator().revokeAllTokens();

        invoke(bridge, evidence());

        assertThat(HYPERPROOF.emulator().proofs()).hasSize(2);
        assertThat(HYPERPROOF.emulator().requests()).filteredOn(r -> r.path().equals("/oauth/token")).hasSize(2);
        assertThat(SSM.emulator().calls()).hasSize(1);
    }

    @Test
    void shouldNotRepeatATimedOutUploadInTheSameInvocationButAdoptItOnRedelivery() throws Exception {
        String event = evidence();
        HYPERPROOF.emulator().faults().enqueue("POST", UPLOAD, Fault.delay(Duration.ofMillis(1500)));
        RetryPolicy shortTimeout = new RetryPolicy(4, Duration.ofMillis(20), Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofMillis(500));

        assertThatThrownBy(() -> invoke(sandbox.bridge(shortTimeout, Clock.systemUTC()), event))
                .isInstanceOf(BridgeFailureException.class).hasMessageContaining("timed out");
        long waitUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (HYPERPROOF.emulator().proofs().isEmpty() && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        String result = invoke(sandbox.bridge(), event);

        assertThat(result).contains("\"synced\":1");
        assertSyncedOnce();
    }

    /**
     * A claim recording no deadline is stale after CLAIM_STALE_AFTER_SECONDS (900); one that records its invocation's
     * deadline, 30 s after it: direct delivery retries after one and three minutes, long before 900 s.
     */
    @ParameterizedTest(name = "claimed {0} min ago, deadline {1} s ago")
    @CsvSource({"60, ", "3, 61"})
    void shouldNotDoubleTheProofWhenRedeliveredAfterACrashBetweenUploadAndReceipt(long claimedMinutesAgo,
                                                                                  Long deadlineSecondsAgo) throws IOException {
        Instant now = Instant.now();
        String event = uploadThenCrash(now.minus(Duration.ofMinutes(claimedMinutesAgo)),
                deadlineSecondsAgo == null ? null : now.minus(Duration.ofSeconds(deadlineSecondsAgo)));

        String result = invoke(sandbox.bridge(), event);

        assertThat(result).contains("\"synced\":1");
        assertSyncedOnce();
        assertThat(sandbox.receipt(receiptKey()).proofs()).singleElement()
                .satisfies(p -> assertThat(p.action()).isEqualTo(ReceiptProof.ADOPTED));
    }

    @Test
    void shouldLeaveAClaimAloneWhileItsInvocationMayStillRun() throws IOException {
        Instant now = Instant.now();
        String event = uploadThenCrash(now.minus(Duration.ofMinutes(3)), now.minus(Duration.ofSeconds(10)));

        Throwable refused = catchThrowable(() -> invoke(sandbox.bridge(), event));

        assertThat(HYPERPROOF.emulator().proofs()).hasSize(1);
        Receipt untouched = sandbox.receipt(receiptKey());
        assertThat(untouched.status()).isEqualTo(ReceiptStatus.CLAIMED);
        assertThat(untouched.requestId()).isEqualTo("crashed-request");
        assertThat(refused).isInstanceOf(BridgeFailureException.class).hasMessageContaining("is syncing this object;"
                + " failing this delivery so it is retried later (should that invocation have crashed, a delivery after "
                + untouched.claimExpiresAt().plus(Receipt.CLAIM_EXPIRY_MARGIN) + " takes the claim over)");
    }

    /**
     * Uploads the proof, then leaves what a crash between upload and receipt leaves behind: the claim, never
     * completed, made at {@code claimedAt} by an invocation whose deadline was {@code expiresAt} (null: unrecorded).
     */
    private String uploadThenCrash(Instant claimedAt, Instant expiresAt) throws IOException {
        String event = evidence();
        HYPERPROOF.emulator().faults().enqueue("POST", UPLOAD, Fault.acceptThenDropConnection());
        RetryPolicy noRetries = new RetryPolicy(1, Duration.ofMillis(20), Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> invoke(sandbox.bridge(noRetries, Clock.systemUTC()), event))
                .isInstanceOf(BridgeFailureException.class);
        assertThat(HYPERPROOF.emulator().proofs()).hasSize(1);
        Receipt released = sandbox.receipt(receiptKey());
        Receipt crashed = new Receipt(released.schema(), ReceiptStatus.CLAIMED, released.bucket(), released.key(),
                released.versionId(), released.sha256(), released.size(), released.lastModified(), released.sequencer(),
                released.build(), List.of(), null, released.claimToken(), "crashed-request", claimedAt, expiresAt,
                null, null, null);
        sandbox.s3.putObject(b -> b.bucket(BridgeSandbox.BUCKET).key(receiptKey()), RequestBody.fromBytes(ReceiptCodec.toJson(crashed)));
        return event;
    }

    @Test
    void shouldTakeOverAReleasedClaimAndAdoptWhatItUploaded() throws IOException {
        String event = evidence();
        HYPERPROOF.emulator().faults().enqueue("POST", UPLOAD, Fault.acceptThenDropConnection());
        RetryPolicy noRetries = new RetryPolicy(1, Duration.ofMillis(20), Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> invoke(sandbox.bridge(noRetries, Clock.systemUTC()), event))
                .isInstanceOf(BridgeFailureException.class);
        assertThat(sandbox.receipt(receiptKey()).status()).isEqualTo(ReceiptStatus.FAILED);

        invoke(sandbox.bridge(), event);

        assertSyncedOnce();
    }

    @Test
    void shouldFailARedeliveryWhileAnotherInvocationHoldsAFreshClaim() throws IOException {
        String event = evidence();
        Receipt claim = Receipt.claim(BridgeSandbox.BUCKET, key, put.versionId(), "ab".repeat(32), 1, null, null,
                "other-token", "other-request", Instant.now(), Instant.now().plusSeconds(60));
        sandbox.s3.putObject(b -> b.bucket(BridgeSandbox.BUCKET).key(receiptKey()), RequestBody.fromBytes(ReceiptCodec.toJson(claim)));

        assertThatThrownBy(() -> invoke(sandbox.bridge(), event)).isInstanceOf(BridgeFailureException.class)
                .hasMessageContaining("other-request");
        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
        assertThat(sandbox.objectLines().get(0).get("retryable").getAsBoolean()).isTrue();
    }

    @Test
    void shouldUploadOnceWhenTwoInvocationsRaceForTheSameEvent() throws Exception {
        String event = evidence();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Bridge bridge = sandbox.bridge();
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return invoke(bridge, event);
                    } catch (BridgeFailureException e) {
                        return "failed: " + e.getMessage();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get());
            }
            assertThat(outcomes).filteredOn(o -> o.contains("\"synced\":1")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        String redelivered = invoke(sandbox.bridge(), event);

        assertThat(redelivered).contains("\"duplicate\":1");
        assertSyncedOnce();
    }

    @Test
    void shouldReportALateDuplicateOfADeletedVersionAsDuplicateFromItsReceipt() throws IOException {
        String event = evidence();
        invoke(sandbox.bridge(), event);
        sandbox.s3.deleteObject(b -> b.bucket(BridgeSandbox.BUCKET).key(key).versionId(put.versionId()));

        String redelivered = invoke(sandbox.bridge(), event);

        assertThat(redelivered).contains("\"duplicate\":1");
        assertSyncedOnce();
    }

    @Test
    void shouldReportARedeliveryAsDuplicateWhileHyperproofCannotResolveItsControl() throws IOException {
        String event = evidence();
        invoke(sandbox.bridge(), event);
        for (int i = 0; i < 10; i++) {
            HYPERPROOF.emulator().faults().enqueue("GET", "/v1/controls", Fault.serverError(503));
        }

        String redelivered = invoke(sandbox.bridge(), event); // a new execution environment: no controls cached

        assertThat(redelivered).contains("\"duplicate\":1");
        assertSyncedOnce();
    }

    @Test
    void shouldNeverUploadWhenTheChecksumDoesNotMatch() {
        key = BridgeSandbox.evidenceKey("tampered.json");
        sandbox.putEvidence(key, BridgeSandbox.resource("otlp-logs.json"), null, "00".repeat(32), EvidenceFormat.OTLP_JSON);

        assertThatThrownBy(() -> invoke(sandbox.bridge(), sandbox.eventFor(key))).isInstanceOf(BridgeFailureException.class)
                .hasMessageContaining("SHA-256 mismatch");

        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
        assertOnlyAFailedReceiptSaying("SHA-256 mismatch");
        JsonObject line = sandbox.objectLines().get(0);
        assertThat(line.get("outcome").getAsString()).isEqualTo("failed");
        assertThat(line.get("retryable").getAsBoolean()).isFalse();
    }

    /**
     * The claim is written while the body is read, so poison found in the body leaves the claim released as a
     * failed receipt that names the reason and no proof; never a synced one.
     */
    private void assertOnlyAFailedReceiptSaying(String reason) {
        assertThat(sandbox.receiptKeys()).hasSize(1);
        Receipt receipt = sandbox.receipt(sandbox.receiptKeys().get(0));
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.FAILED);
        assertThat(receipt.proofs()).isEmpty();
        assertThat(receipt.error()).contains(reason);
        assertThat(sandbox.indexKeys()).isEmpty();
    }

    @Test
    void shouldReportTamperingRatherThanWhatTheParserFoundInTheTamperedBytes() {
        key = BridgeSandbox.evidenceKey("tampered-and-malformed.json");
        sandbox.putEvidence(key, "{\"resourceLogs\": [".getBytes(StandardCharsets.UTF_8), null, "00".repeat(32),
                EvidenceFormat.OTLP_JSON);

        assertThatThrownBy(() -> invoke(sandbox.bridge(), sandbox.eventFor(key))).isInstanceOf(BridgeFailureException.class)
                .hasMessageContaining("SHA-256 mismatch");
        assertOnlyAFailedReceiptSaying("SHA-256 mismatch");
    }

    @Test
    void shouldFailARedeliveredPoisonObjectAgainWithoutUploading() throws IOException {
        key = BridgeSandbox.evidenceKey("poison-redelivered.json");
        putWithGoodChecksum("[1, 2".getBytes(StandardCharsets.UTF_8), null);
        String event = sandbox.eventFor(key);
        assertThatThrownBy(() -> invoke(sandbox.bridge(), event)).isInstanceOf(BridgeFailureException.class);

        assertThatThrownBy(() -> invoke(sandbox.bridge(), event)).isInstanceOf(BridgeFailureException.class)
                .hasMessageContaining("malformed");

        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
        assertOnlyAFailedReceiptSaying("malformed");
        assertThat(sandbox.objectLines()).extracting(line -> line.get("reason").getAsString())
                .allSatisfy(reason -> assertThat(reason).startsWith("poison: "));
    }

    @Test
    void shouldReleaseTheClaimWhenS3SendsOtherThanTheLengthItAnnounced() throws IOException {
        key = BridgeSandbox.evidenceKey("short.json");
        putWithGoodChecksum(BridgeSandbox.resource("otlp-logs.json"), null);
        S3Objects announcingOneByteMore = (S3Objects) Proxy.newProxyInstance(S3Objects.class.getClassLoader(),
                new Class<?>[] {S3Objects.class}, (proxy, method, args) -> {
                    Object answer;
                    try {
                        answer = method.invoke(sandbox.signedS3, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (answer instanceof OpenedObject opened && key.equals(args[1])) {
                        ObjectInfo info = opened.info();
                        return new OpenedObject(new ObjectInfo(info.metadata(), info.versionId(), info.etag(),
                                info.contentLength() + 1, info.lastModified()), AbortableInputStream.create(opened.body()));
                    }
                    return answer;
                });
        Bridge bridge = sandbox.bridgeOver(announcingOneByteMore, BridgeSandbox.fastRetries(), Clock.systemUTC());

        assertThatThrownBy(() -> invoke(bridge, sandbox.eventFor(key))).isInstanceOf(BridgeFailureException.class)
                .hasMessageContaining("announced");

        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
        assertOnlyAFailedReceiptSaying("announced");
        assertThat(sandbox.objectLines().get(0).get("retryable").getAsBoolean()).isTrue();
    }

    @Test
    void shouldNotRouteAManifestWithoutAListedObjectsOverrideWhenItCannotBeRead() throws IOException {
        String listed = BridgeSandbox.evidenceKey("overridden.json");
        PutObjectResponse object = sandbox.putEvidence(listed, BridgeSandbox.resource("otlp-logs.json"),
                sandbox.otherControl.toString());
        String manifestKey = EvidenceContract.manifestKey("evidence", BridgeSandbox.BUILD);
        putManifest(manifestKey, "2026-11-27T10:00:00Z", listedEntry(listed, List.of(), object.versionId()));
        S3Objects headFails = headFailsFor(listed);

        assertThatThrownBy(() -> invoke(sandbox.bridgeOver(headFails, BridgeSandbox.fastRetries(), Clock.systemUTC()),
                sandbox.eventFor(manifestKey))).isInstanceOf(BridgeFailureException.class)
                .hasMessageContaining("cannot read the control override of s3://" + BridgeSandbox.BUCKET + "/" + listed);
        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
        assertThat(sandbox.objectLines().get(0).get("retryable").getAsBoolean()).isTrue();

        invoke(sandbox.bridge(), sandbox.eventFor(manifestKey));

        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.otherControl)).hasSize(1);
        assertThat(HYPERPROOF.emulator().proofs()).hasSize(1);
    }

    /** The sandbox's S3, except that a HEAD of {@code key} fails as S3 throttling would, every time. */
    private S3Objects headFailsFor(String key) {
        return (S3Objects) Proxy.newProxyInstance(S3Objects.class.getClassLoader(), new Class<?>[] {S3Objects.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("headObject") && key.equals(args[1])) {
                        throw new io.evidencesync.core.EvidenceException("S3 HeadObject failed: HTTP 503 SlowDown");
                    }
                    try {
                        return method.invoke(sandbox.signedS3, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Writes the run manifest listing {@code entries}, with the contract's metadata, as a publish would. */
    private void putManifest(String manifestKey, String createdAt, io.evidencesync.core.contract.ManifestEntry... entries) {
        byte[] manifest = io.evidencesync.core.contract.ManifestCodec.toJson(new io.evidencesync.core.contract.RunManifest(
                io.evidencesync.core.contract.ManifestCodec.SCHEMA, BridgeSandbox.BUCKET, BridgeSandbox.BUILD.toAttributes(),
                "test", createdAt, List.of(entries)));
        sandbox.s3.putObject(r -> r.bucket(BridgeSandbox.BUCKET).key(manifestKey).metadata(EvidenceContract.objectMetadata(
                BridgeSandbox.BUILD, io.evidencesync.core.publish.Digests.hex(BridgeSandbox.sha256(manifest)),
                EvidenceFormat.MANIFEST, false, null, null)), RequestBody.fromBytes(manifest));
    }

    private static io.evidencesync.core.contract.ManifestEntry listedEntry(String key, List<String> controls, String versionId) {
        return new io.evidencesync.core.contract.ManifestEntry(key, key.substring(key.lastIndexOf('/') + 1), 1,
                "ab".repeat(32), "otlp-json", false, 1, controls, List.of(), List.of(), List.of(), java.util.Map.of(),
                versionId, "\"e\"");
    }

    @Test
    void shouldGiveTwoVersionsOfANewManifestProcessedAtOnceOneProofWithTwoVersions() throws Exception {
        String listed = BridgeSandbox.evidenceKey("listed.json");
        PutObjectResponse object = sandbox.putEvidence(listed, BridgeSandbox.resource("otlp-logs-with-control.json"), null);
        String manifestKey = EvidenceContract.manifestKey("evidence", BridgeSandbox.BUILD);
        putManifest(manifestKey, "2026-11-27T10:00:00Z", listedEntry(listed, List.of("OSPS-QA-07.01"), object.versionId()));
        String firstEvent = sandbox.eventFor(manifestKey);
        // a second publish step of the run rewrites the manifest seconds later
        putManifest(manifestKey, "2026-11-27T10:00:05Z", listedEntry(listed, List.of("OSPS-QA-07.01"), object.versionId()));
        String secondEvent = sandbox.eventFor(manifestKey);
        HYPERPROOF.emulator().faults().enqueue("POST", UPLOAD, Fault.delay(Duration.ofMillis(1500)));
        String lockKey = io.evidencesync.core.receipt.ReceiptKeys.firstProofKey("evidence-sync-receipts", manifestKey);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Bridge firstBridge = sandbox.bridge();
            Future<String> first = pool.submit(() -> invoke(firstBridge, firstEvent));
            long waitUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!sandbox.receiptKeys().contains(lockKey) && System.nanoTime() < waitUntil) {
                Thread.sleep(20);
            }
            // the second version arrives while the first is still uploading its proof
            Throwable second = catchThrowable(() -> invoke(sandbox.bridge(), secondEvent));

            assertThat(second).isInstanceOf(BridgeFailureException.class).hasMessageContaining("is creating its first proofs");
            assertThat(first.get()).contains("\"synced\":1");
        } finally {
            pool.shutdownNow();
        }
        String retried = invoke(sandbox.bridge(), secondEvent);

        assertThat(retried).contains("\"synced\":1");
        assertThat(HYPERPROOF.emulator().proofs()).singleElement().satisfies(p -> assertThat(p.versions()).hasSize(2));
    }

    /**
     * A run whose manifest goes to two controls: the overriding control of one listed object (uploaded first) and
     * the mapped control of the other.
     */
    private final class TwoControlRun {
        private final String overridden = BridgeSandbox.evidenceKey("overridden.json");
        private final String manifestKey = EvidenceContract.manifestKey("evidence", BridgeSandbox.BUILD);
        private final io.evidencesync.core.contract.ManifestEntry[] entries;

        TwoControlRun() {
            String withControl = BridgeSandbox.evidenceKey("with-control.json");
            PutObjectResponse a = sandbox.putEvidence(withControl, BridgeSandbox.resource("otlp-logs-with-control.json"), null);
            PutObjectResponse b = sandbox.putEvidence(overridden, BridgeSandbox.resource("otlp-logs.json"),
                    sandbox.otherControl.toString());
            entries = new io.evidencesync.core.contract.ManifestEntry[] {
                    listedEntry(withControl, List.of("OSPS-QA-07.01"), a.versionId()),
                    listedEntry(overridden, List.of(), b.versionId())};
        }

        String manifestKey() {
            return manifestKey;
        }

        String overridden() {
            return overridden;
        }

        /** Writes a (new version of the) manifest and returns its event. */
        String publishManifest(String createdAt) {
            putManifest(manifestKey, createdAt, entries);
            return sandbox.eventFor(manifestKey);
        }
    }

    /** The mapped control refuses the next upload for good. */
    private void refuseTheSecondControlOnce() {
        HYPERPROOF.emulator().faults().enqueue("POST", "/v1/controls/" + sandbox.control + "/proof",
                Fault.status(413, "{\"message\":\"too big\"}"));
    }

    @Test
    void shouldMakeTheNextManifestVersionAVersionOfTheProofsAFailedFirstVersionMade() throws IOException {
        TwoControlRun run = new TwoControlRun();
        String firstVersion = run.publishManifest("2026-11-27T10:00:00Z");
        // the first version makes the overriding control's proof, then the other control refuses it for good
        refuseTheSecondControlOnce();
        assertThatThrownBy(() -> invoke(sandbox.bridge(), firstVersion)).isInstanceOf(BridgeFailureException.class);
        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.otherControl)).hasSize(1);

        // the run's next publish step rewrites the manifest; its version inherits the first version's proof
        String result = invoke(sandbox.bridge(), run.publishManifest("2026-11-27T10:00:05Z"));

        assertThat(result).contains("\"synced\":1");
        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.otherControl)).singleElement()
                .satisfies(p -> assertThat(p.versions()).hasSize(2));
        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.control)).hasSize(1);
    }

    @Test
    void shouldAdoptTheProofsAFailedAttemptRecordedWithoutAskingHyperproofAgain() throws IOException {
        TwoControlRun run = new TwoControlRun();
        String event = run.publishManifest("2026-11-27T10:00:00Z");
        String manifestKey = run.manifestKey();
        String overridden = run.overridden();
        // the first target's proof (the overriding control's) is made, the second control refuses the upload
        refuseTheSecondControlOnce();
        assertThatThrownBy(() -> invoke(sandbox.bridge(), event)).isInstanceOf(BridgeFailureException.class);
        String receiptKey = EvidenceContract.receiptKey("evidence-sync-receipts", manifestKey,
                sandbox.s3.headObject(r -> r.bucket(BridgeSandbox.BUCKET).key(manifestKey)).versionId());
        Receipt failed = sandbox.receipt(receiptKey);
        assertThat(failed.status()).isEqualTo(ReceiptStatus.FAILED);
        assertThat(failed.proofs()).singleElement()
                .satisfies(p -> assertThat(p.controlId()).isEqualTo(sandbox.otherControl.toString()));
        // a second attempt fails before uploading anything (a listed object's HEAD): the first one's proof stays recorded
        S3Objects headFails = headFailsFor(overridden);
        assertThatThrownBy(() -> invoke(sandbox.bridgeOver(headFails, BridgeSandbox.fastRetries(), Clock.systemUTC()),
                event)).isInstanceOf(BridgeFailureException.class);
        assertThat(sandbox.receipt(receiptKey).proofs()).extracting(ReceiptProof::proofId)
                .containsExactly(failed.proofs().get(0).proofId());
        int before = HYPERPROOF.emulator().requests().size();

        invoke(sandbox.bridge(), event);

        assertThat(HYPERPROOF.emulator().requests().subList(before, HYPERPROOF.emulator().requests().size()))
                .noneMatch(r -> (r.path() + "?" + r.query()).contains(sandbox.otherControl.toString())); // neither listed nor uploaded to
        Receipt synced = sandbox.receipt(receiptKey);
        assertThat(synced.status()).isEqualTo(ReceiptStatus.SYNCED);
        assertThat(synced.proofs()).extracting(ReceiptProof::action).containsExactly(ReceiptProof.ADOPTED, ReceiptProof.CREATED);
        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.otherControl)).singleElement()
                .satisfies(p -> assertThat(p.versions()).hasSize(1));
        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.control)).hasSize(1);
    }

    static List<String> poisons() {
        return List.of("malformed-json", "truncated-gzip", "empty", "no-metadata", "newer-schema", "unknown-control");
    }

    @ParameterizedTest
    @MethodSource("poisons")
    void shouldFailPoisonWithoutUploadingAnything(String poison) throws IOException {
        key = BridgeSandbox.evidenceKey("poison-" + poison + ".json");
        byte[] valid = BridgeSandbox.resource("otlp-logs.json");
        switch (poison) {
            case "malformed-json" -> putWithGoodChecksum("{\"resourceLogs\": [".getBytes(StandardCharsets.UTF_8), null);
            case "truncated-gzip" -> {
                byte[] gzip = BridgeSandbox.gzip(valid);
                putWithGoodChecksum(java.util.Arrays.copyOf(gzip, gzip.length / 2), null);
            }
            case "empty" -> putWithGoodChecksum(new byte[0], null);
            case "no-metadata" -> sandbox.putRaw(key, valid);
            case "newer-schema" -> sandbox.s3.putObject(b -> b.bucket(BridgeSandbox.BUCKET).key(key)
                    .metadata(java.util.Map.of("evidence-schema", "99")), RequestBody.fromBytes(valid));
            case "unknown-control" -> putWithGoodChecksum(valid, "NO-SUCH-CONTROL");
            default -> throw new IllegalArgumentException(poison);
        }

        assertThatThrownBy(() -> invoke(sandbox.bridge(), sandbox.eventFor(key))).isInstanceOf(BridgeFailureException.class);

        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
        if (poison.equals("no-metadata") || poison.equals("newer-schema")) {
            assertThat(sandbox.receiptKeys()).isEmpty(); // refused from the response headers, before any claim
        } else {
            assertOnlyAFailedReceiptSaying(switch (poison) {
                case "empty" -> "empty";
                case "unknown-control" -> "NO-SUCH-CONTROL";
                default -> "malformed";
            });
        }
        JsonObject line = sandbox.objectLines().get(0);
        assertThat(line.get("outcome").getAsString()).isEqualTo("failed");
        assertThat(line.get("reason").getAsString()).startsWith("poison: ");
        assertThat(line.get("retryable").getAsBoolean()).isFalse();
        assertThat(sandbox.metric("Failed")).isEqualTo(1);
    }

    @Test
    void shouldFailForRetryNotAsPoisonWhenTheCredentialsCannotBeReadWhileRouting() throws IOException {
        String event = evidence();
        // the client id's parameter is not where the function looks: renamed, deleted, or not created yet
        Bridge misconfigured = sandbox.bridge(BridgeConfig.SSM_CLIENT_ID_PATH, "/hyperproof/RENAMED_CLIENT_ID");

        assertThatThrownBy(() -> invoke(misconfigured, event)).isInstanceOf(BridgeFailureException.class)
                .hasMessageContaining("SSM parameter(s) not found");
        JsonObject line = sandbox.objectLines().get(0);
        assertThat(line.get("reason").getAsString()).doesNotStartWith("poison");
        assertThat(line.get("retryable").getAsBoolean()).isTrue();
        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();

        // once the operator fixes the path, a redrive delivers the object
        invoke(sandbox.bridge(), event);

        assertSyncedOnce();
    }

    @Test
    void shouldRefuseAnObjectOf100MiBBeforeReadingIt() {
        key = BridgeSandbox.evidenceKey("huge.json");
        long size = 100L * 1024 * 1024;
        java.util.Map<String, String> metadata = EvidenceContract.objectMetadata(BridgeSandbox.BUILD, "00".repeat(32),
                EvidenceFormat.OTLP_JSON, false, null, null);
        sandbox.s3.putObject(b -> b.bucket(BridgeSandbox.BUCKET).key(key).metadata(metadata),
                RequestBody.fromInputStream(zeros(size), size));

        assertThatThrownBy(() -> invoke(sandbox.bridge(), sandbox.eventFor(key))).isInstanceOf(BridgeFailureException.class)
                .hasMessageContaining("100 MiB");
        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
        assertThat(sandbox.receiptKeys()).isEmpty();
    }

    @Test
    void shouldFailAtOnceOnClientErrorsNamingTheObjectAndTheControl() throws IOException {
        String event = evidence();
        HYPERPROOF.emulator().faults().enqueue("POST", UPLOAD, Fault.status(413, "{\"statusCode\":413,\"message\":\"Payload too large\"}"));
        assertThatThrownBy(() -> invoke(sandbox.bridge(), event)).isInstanceOf(BridgeFailureException.class)
                .hasMessageContaining("413").hasMessageContaining("s3://" + BridgeSandbox.BUCKET + "/" + key)
                .hasMessageContaining("control CC-7.2");

        String noOwner = evidence();
        assertThatThrownBy(() -> invoke(sandbox.bridge("HYPERPROOF_OWNER_ID", null), noOwner))
                .isInstanceOf(BridgeFailureException.class).hasMessageContaining("400");

        String unknown = evidence();
        assertThatThrownBy(() -> invoke(sandbox.bridge("CONTROL_MAP", null, "CONTROL_ID", UUID.randomUUID().toString()), unknown))
                .isInstanceOf(BridgeFailureException.class).hasMessageContaining("404");

        assertThat(sandbox.sleeps).isEmpty();
        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
        assertThat(sandbox.receiptKeys()).allSatisfy(k -> assertThat(sandbox.receipt(k).status()).isEqualTo(ReceiptStatus.FAILED));
    }

    @Test
    void shouldFailTheInvocationWhenHyperproofStaysDownSoLambdaRetries() throws IOException {
        String event = evidence();
        for (int i = 0; i < 10; i++) {
            HYPERPROOF.emulator().faults().enqueue("POST", UPLOAD, Fault.serverError(503));
        }

        assertThatThrownBy(() -> invoke(sandbox.bridge(), event)).isInstanceOf(BridgeFailureException.class)
                .hasMessageContaining("gave up after 4 attempts");
        assertThat(sandbox.objectLines().get(0).get("retryable").getAsBoolean()).isTrue();
        HYPERPROOF.emulator().faults().clear();

        invoke(sandbox.bridge(), event);

        assertSyncedOnce();
    }

    private void putWithGoodChecksum(byte[] bytes, String override) {
        sandbox.putEvidence(key, bytes, override, io.evidencesync.core.publish.Digests.hex(BridgeSandbox.sha256(bytes)),
                EvidenceFormat.OTLP_JSON);
    }

    private static InputStream zeros(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }
}
