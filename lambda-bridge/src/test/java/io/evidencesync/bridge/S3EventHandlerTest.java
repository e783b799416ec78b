package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.publish.Digests;
import io.evidencesync.core.receipt.Receipt;
import io.evidencesync.core.receipt.ReceiptKeys;
import io.evidencesync.core.receipt.ReceiptProof;
import io.evidencesync.core.receipt.ReceiptStatus;
import io.evidencesync.sandbox.hyperproof.Proof;
import io.evidencesync.sandbox.hyperproof.RecordedRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

class S3EventHandlerTest extends BridgeSandboxTest {

    static String invoke(S3EventHandler handler, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, new TestContext());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldSyncEvidenceToTheMappedControlWithTheBuildLinkAndAReceipt() throws IOException {
        String key = BridgeSandbox.evidenceKey("reports/otlp logs+v2:final.json");
        PutObjectResponse put = sandbox.putEvidence(key, BridgeSandbox.resource("otlp-logs-with-control.json"), null);

        String result = invoke(new S3EventHandler(sandbox.bridge()), sandbox.eventFor(key));

        assertThat(result).isEqualTo("{\"synced\":1,\"duplicate\":0,\"superseded\":0,\"skipped\":0,\"failed\":0}");
        List<Proof> proofs = HYPERPROOF.emulator().proofsForControl(sandbox.control);
        assertThat(proofs).singleElement().satisfies(proof -> {
            assertThat(proof.latest().filename()).isEqualTo("github-actions-acme app CI-9001-2__reports otlp logs+v2:final.json");
            assertThat(proof.latest().contentType()).isEqualTo("application/json");
            assertThat(proof.latest().sourceId()).contains("s3://" + BridgeSandbox.BUCKET + "/" + key);
            assertThat(proof.latest().sourceFileId()).contains(put.versionId());
            assertThat(proof.latest().sourceModifiedOn()).isPresent();
        });
        RecordedRequest upload = HYPERPROOF.emulator().requests().stream()
                .filter(r -> r.path().endsWith("/proof") && r.method().equals("POST")).findFirst().orElseThrow();
        assertThat(upload.formFields()).containsEntry("hp-proof-owned-by", sandbox.owner.toString());

        Receipt receipt = sandbox.receipt(EvidenceContract.receiptKey("evidence-sync-receipts", key, put.versionId()));
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.SYNCED);
        assertThat(receipt.build().runUrl()).isEqualTo(BridgeSandbox.BUILD.runUrl());
        assertThat(receipt.build().manifestKey()).isEqualTo(EvidenceContract.manifestKey("evidence", BridgeSandbox.BUILD));
        assertThat(receipt.proofs()).singleElement().satisfies(p -> {
            assertThat(p.proofId()).isEqualTo(proofs.get(0).id().toString());
            assertThat(p.controlId()).isEqualTo(sandbox.control.toString());
            assertThat(p.controlIdentifier()).isEqualTo(BridgeSandbox.CONTROL_IDENTIFIER);
            assertThat(p.action()).isEqualTo(ReceiptProof.CREATED);
        });
        assertThat(sandbox.receipt(ReceiptKeys.latestKey("evidence-sync-receipts", key)).versionId()).isEqualTo(put.versionId());

        JsonObject line = sandbox.objectLines().get(0);
        assertThat(line.get("outcome").getAsString()).isEqualTo("synced");
        assertThat(line.get("key").getAsString()).isEqualTo(key);
        assertThat(line.get("versionId").getAsString()).isEqualTo(put.versionId());
        assertThat(line.get("controls").toString()).isEqualTo("[\"CC-7.2\"]");
        assertThat(line.get("proofIds").toString()).contains(proofs.get(0).id().toString());
        assertThat(line.get("buildUrl").getAsString()).isEqualTo(BridgeSandbox.BUILD.runUrl());
        assertThat(line.has("durationMs")).isTrue();
        assertThat(line.get("requestId").getAsString()).isNotBlank();
        assertThat(sandbox.metric("Synced")).isEqualTo(1);
    }

    @Test
    void shouldDecodeKeysWithSpacePlusAndColon() throws IOException {
        String key = "manual/my scan+v2:final.json";
        sandbox.putEvidence(key, BridgeSandbox.resource("ocsf-scan-activity.json"), null);

        String event = sandbox.eventFor(key);
        invoke(new S3EventHandler(sandbox.bridge("CONTROL_ID", "CC-6.1")), event);

        assertThat(event).contains("manual/my+scan%2Bv2%3Afinal.json");
        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.otherControl)).singleElement()
                .satisfies(p -> assertThat(p.latest().filename()).endsWith("__my scan+v2:final.json"));
    }

    @Test
    void shouldRouteGzipEvidenceByItsContentAndUploadTheStoredBytesAsGzip() throws IOException {
        byte[] stored = BridgeSandbox.gzip(BridgeSandbox.resource("otlp-logs-with-control.json"));
        String key = BridgeSandbox.evidenceKey("reports/otlp.json.gz");
        PutObjectResponse put = sandbox.putEvidence(key, stored, null);

        String result = invoke(new S3EventHandler(sandbox.bridge()), sandbox.eventFor(key));

        assertThat(result).contains("\"synced\":1");
        // routed to the mapped control through compliance.control.id inside the compressed records
        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.control)).singleElement().satisfies(proof -> {
            assertThat(proof.latest().contentType()).isEqualTo("application/gzip");
            assertThat(proof.latest().size()).isEqualTo(stored.length);
            assertThat(proof.latest().sha256()).isEqualTo(Digests.hex(BridgeSandbox.sha256(stored)));
        });
        assertThat(sandbox.receipt(EvidenceContract.receiptKey("evidence-sync-receipts", key, put.versionId())).sha256())
                .isEqualTo(Digests.hex(BridgeSandbox.sha256(stored)));
    }

    @Test
    void shouldRouteByMetadataOverrideThenControlMapThenControlIdThenOrganization() throws IOException {
        String overridden = BridgeSandbox.evidenceKey("a.json");
        String mapped = BridgeSandbox.evidenceKey("b.json");
        String unmapped = BridgeSandbox.evidenceKey("c.json");
        sandbox.putEvidence(overridden, BridgeSandbox.resource("otlp-logs-with-control.json"), sandbox.otherControl.toString());
        sandbox.putEvidence(mapped, BridgeSandbox.resource("otlp-logs-with-control.json"), null);
        sandbox.putEvidence(unmapped, BridgeSandbox.resource("ocsf-scan-activity.json"), null);

        S3EventHandler withDefault = new S3EventHandler(sandbox.bridge("CONTROL_ID", "CC-6.1"));
        invoke(withDefault, sandbox.eventFor(overridden));
        invoke(withDefault, sandbox.eventFor(mapped));
        invoke(withDefault, sandbox.eventFor(unmapped));
        S3EventHandler orgLevel = new S3EventHandler(sandbox.bridge("CONTROL_MAP", null));
        String orgKey = BridgeSandbox.evidenceKey("d.json");
        sandbox.putEvidence(orgKey, BridgeSandbox.resource("otlp-logs.json"), null);
        invoke(orgLevel, sandbox.eventFor(orgKey));

        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.otherControl)).extracting(p -> p.latest().filename())
                .containsExactlyInAnyOrder("github-actions-acme app CI-9001-2__a.json", "github-actions-acme app CI-9001-2__c.json");
        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.control)).extracting(p -> p.latest().filename())
                .containsExactly("github-actions-acme app CI-9001-2__b.json");
        assertThat(HYPERPROOF.emulator().proofs()).hasSize(4)
                .filteredOn(p -> p.latest().filename().endsWith("__d.json")).singleElement()
                .satisfies(p -> assertThat(p.links()).isEmpty());
    }

    @Test
    void shouldTreatARedeliveryAsADuplicate() throws IOException {
        String key = BridgeSandbox.evidenceKey("reports/scan.json");
        sandbox.putEvidence(key, BridgeSandbox.resource("otlp-logs-with-control.json"), null);
        String event = sandbox.eventFor(key);
        S3EventHandler handler = new S3EventHandler(sandbox.bridge());

        invoke(handler, event);
        String second = invoke(handler, event);

        assertThat(second).contains("\"duplicate\":1");
        assertThat(HYPERPROOF.emulator().proofs()).hasSize(1);
        assertThat(sandbox.receiptKeys()).hasSize(2); // the version's receipt and the key's latest
        assertThat(sandbox.metric("Duplicate")).isEqualTo(1);
        String proofId = HYPERPROOF.emulator().proofs().get(0).id().toString();
        assertThat(sandbox.indexKeys()).containsExactly(
                io.evidencesync.core.contract.EvidenceContract.proofIndexKey(
                        io.evidencesync.core.contract.EvidenceContract.DEFAULT_RECEIPTS_PREFIX, proofId));
    }

    @Test
    void shouldAddANewS3VersionAsANewVersionOfTheSameProof() throws IOException {
        String key = BridgeSandbox.evidenceKey("reports/scan.json");
        S3EventHandler handler = syncedOnce(key);
        PutObjectResponse second = sandbox.putEvidence(key, BridgeSandbox.resource("otlp-logs-with-control.json").clone(), null);
        byte[] changed = new String(BridgeSandbox.resource("otlp-logs-with-control.json"), StandardCharsets.UTF_8)
                .replace("policy-engine", "policy-engine-2").getBytes(StandardCharsets.UTF_8);
        PutObjectResponse third = sandbox.putEvidence(key, changed, null);

        invoke(handler, sandbox.eventFor(key));

        assertThat(second.versionId()).isNotEqualTo(third.versionId());
        assertThat(HYPERPROOF.emulator().proofs()).singleElement().satisfies(p -> {
            assertThat(p.versions()).hasSize(2);
            assertThat(p.latest().sourceFileId()).contains(third.versionId());
        });
        Receipt receipt = sandbox.receipt(EvidenceContract.receiptKey("evidence-sync-receipts", key, third.versionId()));
        assertThat(receipt.proofs()).singleElement().satisfies(p -> assertThat(p.action()).isEqualTo(ReceiptProof.VERSIONED));
        assertThat(receipt.previousVersionId()).isNotNull();
        assertThat(sandbox.metric("Rewritten")).as("an evidence key is written once per run: new bytes are a signal")
                .isEqualTo(1);
        assertThat(sandbox.log()).contains("\"rewritten\":true", "evidence written again after the build");
    }

    @Test
    void shouldNotCallANewVersionWithTheSameBytesRewritten() throws IOException {
        String key = BridgeSandbox.evidenceKey("reports/same.json");
        S3EventHandler handler = syncedOnce(key);
        sandbox.putEvidence(key, BridgeSandbox.resource("otlp-logs-with-control.json"), null);

        invoke(handler, sandbox.eventFor(key));

        assertThat(HYPERPROOF.emulator().proofs()).singleElement().satisfies(p -> assertThat(p.versions()).hasSize(2));
        assertThat(sandbox.metric("Rewritten")).isZero();
        assertThat(sandbox.log()).doesNotContain("rewritten");
    }

    /** Puts the sample evidence under the key and syncs it; returns the handler for the next event. */
    private static S3EventHandler syncedOnce(String key) throws IOException {
        S3EventHandler handler = new S3EventHandler(sandbox.bridge());
        sandbox.putEvidence(key, BridgeSandbox.resource("otlp-logs-with-control.json"), null);
        invoke(handler, sandbox.eventFor(key));
        return handler;
    }

    @Test
    void shouldKeepOneProofPerKeyOnAnUnversionedBucketAndVersionItWhenTheBytesChange() throws IOException {
        String plainBucket = unversionedBucket();
        String key = BridgeSandbox.evidenceKey("unversioned.json");
        byte[] first = BridgeSandbox.resource("otlp-logs-with-control.json");
        byte[] second = changed(first, "policy-engine-2");
        S3EventHandler handler = new S3EventHandler(sandbox.bridge());

        putTo(plainBucket, key, first);
        String event = eventIn(plainBucket, key);
        invoke(handler, event);
        String again = invoke(handler, event);
        putTo(plainBucket, key, second);
        invoke(handler, eventIn(plainBucket, key));

        assertThat(event).doesNotContain("versionId");
        assertThat(again).contains("\"duplicate\":1");
        assertThat(HYPERPROOF.emulator().proofs()).singleElement().satisfies(p -> {
            assertThat(p.versions()).hasSize(2);
            assertThat(p.latest().sourceFileId()).contains(io.evidencesync.core.publish.Digests.hex(BridgeSandbox.sha256(second)));
        });
        Receipt receipt = io.evidencesync.core.receipt.ReceiptCodec.fromJson("r", sandbox.s3.getObjectAsBytes(b -> b
                .bucket(plainBucket).key(EvidenceContract.receiptKey("evidence-sync-receipts", key, null))).asByteArray());
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.SYNCED);
        assertThat(receipt.proofs()).singleElement().satisfies(p -> assertThat(p.action()).isEqualTo(ReceiptProof.VERSIONED));
    }

    @Test
    void shouldVersionTheSameProofWhenChangedBytesOnAnUnversionedBucketSyncOnlyOnTheSecondAttempt() throws IOException {
        String plainBucket = unversionedBucket();
        String key = BridgeSandbox.evidenceKey("unversioned-retried.json");
        byte[] first = BridgeSandbox.resource("otlp-logs-with-control.json");
        byte[] second = changed(first, "policy-engine-3");
        S3EventHandler handler = new S3EventHandler(sandbox.bridge());
        putTo(plainBucket, key, first);
        invoke(handler, eventIn(plainBucket, key));
        putTo(plainBucket, key, second);
        HYPERPROOF.emulator().faults().enqueue("POST", "/v1/proof/.+/versions",
                io.evidencesync.sandbox.hyperproof.Fault.status(400, "{\"message\": \"refused once\"}"));
        org.assertj.core.api.Assertions.catchThrowable(() -> invoke(handler, eventIn(plainBucket, key)));

        invoke(handler, eventIn(plainBucket, key));

        assertThat(HYPERPROOF.emulator().proofs()).as("the retry versions the first proof instead of making another")
                .singleElement().satisfies(p -> assertThat(p.versions()).hasSize(2));
        assertThat(sandbox.metric("Rewritten")).isEqualTo(1);
    }

    /** A bucket without versioning, made once for the tests that need one. */
    private static String unversionedBucket() {
        String plainBucket = "plain-bucket";
        if (!sandbox.s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(plainBucket))) {
            S3.s3().createBucket(plainBucket, false);
        }
        return plainBucket;
    }

    /** The sample evidence with its policy engine renamed: other bytes, still valid evidence. */
    private static byte[] changed(byte[] evidence, String engine) {
        return new String(evidence, StandardCharsets.UTF_8).replace("policy-engine", engine).getBytes(StandardCharsets.UTF_8);
    }

    private static void putTo(String bucket, String key, byte[] bytes) {
        sandbox.s3.putObject(b -> b.bucket(bucket).key(key).metadata(EvidenceContract.objectMetadata(BridgeSandbox.BUILD,
                io.evidencesync.core.publish.Digests.hex(BridgeSandbox.sha256(bytes)),
                io.evidencesync.core.evidence.EvidenceFormat.OTLP_JSON, false, null, null)),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes));
    }

    private static String eventIn(String bucket, String key) {
        List<String> delivered = new java.util.ArrayList<>();
        new io.evidencesync.sandbox.notify.S3EventNotifier(sandbox.s3, new io.evidencesync.sandbox.notify.S3EventJson(
                io.evidencesync.sandbox.notify.S3NotificationSettings.defaults(), new java.util.SplittableRandom(9)),
                delivered::add).notifyObjectCreated(bucket, key);
        return delivered.get(0);
    }

    @Test
    void shouldUploadTheManifestBesideItsEvidence() throws IOException {
        String withControl = BridgeSandbox.evidenceKey("with-control.json");
        String plain = BridgeSandbox.evidenceKey("plain.json");
        PutObjectResponse a = sandbox.putEvidence(withControl, BridgeSandbox.resource("otlp-logs-with-control.json"), null);
        PutObjectResponse b = sandbox.putEvidence(plain, BridgeSandbox.resource("otlp-logs.json"), sandbox.otherControl.toString());
        String manifestKey = EvidenceContract.manifestKey("evidence", BridgeSandbox.BUILD);
        byte[] manifest = io.evidencesync.core.contract.ManifestCodec.toJson(new io.evidencesync.core.contract.RunManifest(
                io.evidencesync.core.contract.ManifestCodec.SCHEMA, BridgeSandbox.BUCKET, BridgeSandbox.BUILD.toAttributes(),
                "test", "2026-11-27T10:00:00Z", List.of(
                        entry(withControl, List.of("OSPS-QA-07.01"), a.versionId()), entry(plain, List.of(), b.versionId()))));
        sandbox.s3.putObject(r -> r.bucket(BridgeSandbox.BUCKET).key(manifestKey).metadata(EvidenceContract.objectMetadata(
                BridgeSandbox.BUILD, io.evidencesync.core.publish.Digests.hex(BridgeSandbox.sha256(manifest)),
                io.evidencesync.core.evidence.EvidenceFormat.MANIFEST, false, null, null)),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(manifest));

        invoke(new S3EventHandler(sandbox.bridge()), sandbox.eventFor(manifestKey));

        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.control)).extracting(p -> p.latest().filename())
                .containsExactly("github-actions-acme app CI-9001-2__manifest.json");
        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.otherControl)).extracting(p -> p.latest().filename())
                .containsExactly("github-actions-acme app CI-9001-2__manifest.json");
    }

    private static io.evidencesync.core.contract.ManifestEntry entry(String key, List<String> controls, String versionId) {
        return new io.evidencesync.core.contract.ManifestEntry(key, key.substring(key.lastIndexOf('/') + 1), 1, "ab".repeat(32),
                "otlp-json", false, 1, controls, List.of(), List.of(), List.of(), java.util.Map.of(), versionId, "\"e\"");
    }

    @Test
    void shouldSkipReceiptsDisallowedBucketsAndTheTestEventWithoutFailing() throws IOException {
        String receiptKey = "evidence-sync-receipts/evidence/x.json/null.json";
        sandbox.putRaw(receiptKey, "{}".getBytes(StandardCharsets.UTF_8));

        String receipts = invoke(new S3EventHandler(sandbox.bridge()), sandbox.eventFor(receiptKey));
        String disallowed = invoke(new S3EventHandler(sandbox.bridge("ALLOWED_BUCKETS", "another-bucket")),
                sandbox.eventFor(receiptKey));
        String test = invoke(new S3EventHandler(sandbox.bridge()),
                "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-11-27T10:00:00.000Z\","
                        + "\"Bucket\":\"evidence-bucket\",\"RequestId\":\"R\",\"HostId\":\"H\"}");

        assertThat(receipts).contains("\"skipped\":1");
        assertThat(disallowed).contains("\"skipped\":1");
        assertThat(test).contains("\"synced\":0");
        assertThat(sandbox.objectLines()).extracting(l -> l.get("reason").getAsString())
                .anySatisfy(r -> assertThat(r).contains("receipts prefix"))
                .anySatisfy(r -> assertThat(r).contains("ALLOWED_BUCKETS"));
        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
        assertThat(sandbox.metric("Skipped")).isEqualTo(2);
    }

    @Test
    void shouldFailTheInvocationForAMalformedEvent() {
        S3EventHandler handler = new S3EventHandler(sandbox.bridge());

        assertThatThrownBy(() -> invoke(handler, "{\"Records\": [{\"s3\": {}}]}"))
                .isInstanceOf(BridgeFailureException.class).hasMessageContaining("malformed");
        assertThat(sandbox.log()).contains("\"level\":\"ERROR\"", "event rejected");
    }

    @Test
    void shouldKeepTheCredentialsOutOfTheLogAndTheReceiptsWhenTheTokenEndpointRepeatsTheRequest() throws IOException {
        String encodedId = java.net.URLEncoder.encode(BridgeSandbox.CLIENT_ID, StandardCharsets.UTF_8);
        String encodedSecret = java.net.URLEncoder.encode(BridgeSandbox.CLIENT_SECRET, StandardCharsets.UTF_8);
        // a proxy's error page quoting the form it refused
        HYPERPROOF.emulator().faults().enqueue("POST", "/oauth/token", io.evidencesync.sandbox.hyperproof.Fault.status(400,
                "<html>400 Bad Request: grant_type=client_credentials&client_id=" + encodedId + "&client_secret="
                        + encodedSecret + "</html>"));
        String key = BridgeSandbox.evidenceKey("echoed.json");
        sandbox.putEvidence(key, BridgeSandbox.resource("otlp-logs-with-control.json"), null);

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> invoke(new S3EventHandler(sandbox.bridge()), sandbox.eventFor(key)));

        assertThat(failure).isInstanceOf(BridgeFailureException.class).hasMessageContaining("rejected the client credentials");
        StringBuilder receipts = new StringBuilder();
        for (String receiptKey : sandbox.receiptKeys()) {
            receipts.append(sandbox.s3.getObjectAsBytes(r -> r.bucket(BridgeSandbox.BUCKET).key(receiptKey)).asUtf8String());
        }
        assertThat(receipts).as("the receipts").contains("\"FAILED\"", "rejected the client credentials");
        java.io.StringWriter trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        assertThat(List.of(sandbox.log(), receipts.toString(), trace.toString())).allSatisfy(text -> assertThat(text)
                .doesNotContain(BridgeSandbox.CLIENT_SECRET).doesNotContain(encodedSecret)
                .doesNotContain(BridgeSandbox.CLIENT_ID).doesNotContain(encodedId));
    }

    @Test
    void shouldNeverWriteTheClientSecretOrTheTokenToTheLogs() throws IOException {
        java.io.PrintStream stdout = System.out;
        java.io.PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        java.io.PrintStream capture = new java.io.PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            String good = BridgeSandbox.evidenceKey("good.json");
            sandbox.putEvidence(good, BridgeSandbox.resource("otlp-logs-with-control.json"), null);
            String unknownControl = BridgeSandbox.evidenceKey("bad.json");
            sandbox.putEvidence(unknownControl, BridgeSandbox.resource("otlp-logs.json"), UUID.randomUUID().toString());
            S3EventHandler handler = new S3EventHandler(sandbox.bridge());
            invoke(handler, sandbox.eventFor(good));
            assertThatThrownBy(() -> invoke(handler, sandbox.eventFor(unknownControl))).isInstanceOf(BridgeFailureException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(BridgeSandbox.CLIENT_SECRET));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        String token = HYPERPROOF.emulator().requests().stream().map(r -> r.header("Authorization"))
                .flatMap(java.util.Optional::stream).findFirst().orElseThrow().substring("Bearer ".length());
        String everything = sandbox.log() + captured.toString(StandardCharsets.UTF_8);
        assertThat(everything).contains("\"outcome\":\"synced\"", "\"outcome\":\"failed\"")
                .doesNotContain(BridgeSandbox.CLIENT_SECRET).doesNotContain(token);
    }
}
