package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.receipt.Receipt;
import io.evidencesync.core.receipt.ReceiptKeys;
import io.evidencesync.core.receipt.ReceiptStatus;
import io.evidencesync.sandbox.hyperproof.Proof;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * One key rewritten several times (as a run's manifest is by its publish steps), with S3's events for the versions
 * delivered out of order: the S3 event sequencer decides which version is the newest, never the arrival order.
 */
class OutOfOrderDeliveryTest extends BridgeSandboxTest {
    private static final String PREFIX = "evidence-sync-receipts";

    private final String key = BridgeSandbox.evidenceKey("reports/rewritten " + UUID.randomUUID() + ".json");

    /** One version of the key and the event S3 sent for it. */
    private record Version(String versionId, String event) {
    }

    private Version write(int revision) {
        String json = new String(BridgeSandbox.resource("otlp-logs-with-control.json"), StandardCharsets.UTF_8)
                + "\n".repeat(revision);
        PutObjectResponse put = sandbox.putEvidence(key, json.getBytes(StandardCharsets.UTF_8), null);
        return new Version(put.versionId(), sandbox.eventFor(key));
    }

    private static String invoke(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new S3EventHandler(sandbox.bridge()).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                out, new TestContext());
        return out.toString(StandardCharsets.UTF_8);
    }

    private Receipt receipt(Version version) {
        return sandbox.receipt(EvidenceContract.receiptKey(PREFIX, key, version.versionId()));
    }

    private Receipt latest() {
        return sandbox.receipt(ReceiptKeys.latestKey(PREFIX, key));
    }

    private static String sequencer(String event) {
        return object(JsonParser.parseString(event).getAsJsonObject()).get("sequencer").getAsString();
    }

    private static JsonObject object(JsonObject event) {
        return event.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("s3").getAsJsonObject("object");
    }

    private static String withoutSequencer(String event) {
        JsonObject json = JsonParser.parseString(event).getAsJsonObject();
        object(json).remove("sequencer");
        return json.toString();
    }

    private Proof onlyProof() {
        assertThat(HYPERPROOF.emulator().proofs()).hasSize(1);
        return HYPERPROOF.emulator().proofs().get(0);
    }

    @Test
    void shouldAddEachVersionAsTheProofsNewestWhenEventsArriveInOrder() throws IOException {
        Version first = write(0);
        Version second = write(1);

        invoke(first.event());
        invoke(second.event());

        assertThat(onlyProof().versions()).hasSize(2);
        assertThat(latest().versionId()).isEqualTo(second.versionId());
        assertThat(latest().sequencer()).isEqualTo(sequencer(second.event()));
        assertThat(receipt(second).previousVersionId()).isEqualTo(first.versionId());
    }

    @Test
    void shouldRecordALateOlderVersionAsSupersededWithoutUploadingIt() throws IOException {
        Version first = write(0);
        Version second = write(1);
        assertThat(sequencer(first.event())).isLessThan(sequencer(second.event()));

        invoke(second.event());
        String late = invoke(first.event());

        assertThat(late).contains("\"superseded\":1", "\"synced\":0");
        Proof proof = onlyProof();
        assertThat(proof.versions()).hasSize(1);
        Receipt superseded = receipt(first);
        assertThat(superseded.status()).isEqualTo(ReceiptStatus.SUPERSEDED);
        assertThat(superseded.proofs()).isEmpty();
        assertThat(superseded.sequencer()).isEqualTo(sequencer(first.event()));
        assertThat(superseded.supersededBy().versionId()).isEqualTo(second.versionId());
        assertThat(superseded.supersededBy().sequencer()).isEqualTo(sequencer(second.event()));
        assertThat(superseded.supersededBy().proofIds()).containsExactly(proof.id().toString());
        assertThat(latest().versionId()).isEqualTo(second.versionId());
        JsonObject line = sandbox.objectLines().get(1);
        assertThat(line.get("outcome").getAsString()).isEqualTo("superseded");
        assertThat(line.get("level").getAsString()).isEqualTo("WARN");
        assertThat(line.get("reason").getAsString()).contains(second.versionId(), proof.id().toString());
        assertThat(sandbox.metric("Superseded")).isEqualTo(1);
        // the versions hold other bytes: whichever came second in S3 rewrote an evidence key, in whatever order synced
        assertThat(line.get("rewritten").getAsBoolean()).isTrue();
        assertThat(line.get("reason").getAsString()).startsWith("evidence written again after the build: version "
                + second.versionId() + " of this key, synced after it");
        assertThat(sandbox.metric("Rewritten")).isEqualTo(1);
    }

    @Test
    void shouldReportARedeliveredSupersededEventAsDuplicate() throws IOException {
        Version first = write(0);
        Version second = write(1);
        invoke(second.event());
        invoke(first.event());

        String again = invoke(first.event());

        assertThat(again).contains("\"duplicate\":1");
        assertThat(onlyProof().versions()).hasSize(1);
        assertThat(receipt(first).status()).isEqualTo(ReceiptStatus.SUPERSEDED);
    }

    @Test
    void shouldUploadASupersededVersionWhenItsEventIsReplayedWithoutTheSequencer() throws IOException {
        Version first = write(0);
        Version second = write(1);
        invoke(second.event());
        invoke(first.event());

        String replayed = invoke(withoutSequencer(first.event()));

        assertThat(replayed).contains("\"synced\":1");
        assertThat(onlyProof().versions()).hasSize(2);
        assertThat(receipt(first).status()).isEqualTo(ReceiptStatus.SYNCED);
        assertThat(receipt(first).previousVersionId()).isEqualTo(second.versionId());
    }

    @Test
    void shouldKeepAddingVersionsInArrivalOrderForEventsWithoutSequencer() throws IOException {
        Version first = write(0);
        Version second = write(1);

        invoke(withoutSequencer(second.event()));
        String late = invoke(withoutSequencer(first.event()));

        assertThat(late).contains("\"synced\":1");
        assertThat(onlyProof().versions()).hasSize(2);
        assertThat(receipt(first).sequencer()).isNull();
    }
}
