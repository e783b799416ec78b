package io.evidencesync.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.evidencesync.core.EvidenceException;

class ReceiptCodecTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final BuildLink BUILD = new BuildLink("https://ci.example/run/1", "evidence/gh/p/1/1/manifest.json",
            "github-actions", "acme/app/CI", "1", 1, "c0ffee");

    private static Receipt claim() {
        return Receipt.claim("evidence", "evidence/gh/p/1/1/files/a.json", "v1", "ab".repeat(32), 42,
                "2026-11-27T09:59:00Z", BUILD, "token-1", "req-1", NOW, NOW.plusSeconds(120));
    }

    @Test
    void shouldRoundTripASyncedReceipt() {
        Receipt synced = claim().synced(List.of(new ReceiptProof(ReceiptProof.TARGET_CONTROL, "c-uuid", "OSPS-QA-07.01",
                "p-uuid", 1, "name.json", ReceiptProof.CREATED)), null, NOW.plusSeconds(2));

        byte[] json = ReceiptCodec.toJson(synced);

        assertThat(ReceiptCodec.fromJson("k", json)).isEqualTo(synced);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"status\": \"SYNCED\"",
                "\"schema\": \"evidence-sync/receipt/v1\"", "\"syncedAt\": \"2026-11-27T10:00:02Z\"",
                "\"runUrl\": \"https://ci.example/run/1\"", "\"proofId\": \"p-uuid\"");
    }

    @Test
    void shouldRoundTripASupersededReceiptAndLeaveAbsentValuesOut() {
        Receipt newer = claim().withSequencer("0055AED6DCD90281E5").synced(List.of(new ReceiptProof(
                ReceiptProof.TARGET_ORGANIZATION, null, null, "p-org", 2, "name.json", ReceiptProof.VERSIONED)), "v0",
                NOW.plusSeconds(1));
        Receipt superseded = claim().superseded(newer, NOW.plusSeconds(3));

        byte[] json = ReceiptCodec.toJson(superseded);

        assertThat(ReceiptCodec.fromJson("k", json)).isEqualTo(superseded);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"proofIds\": [\n      \"p-org\"\n    ]")
                .doesNotContain("null", "\"error\"", "\"previousVersionId\"");
    }

    @Test
    void shouldIgnoreNamesItDoesNotKnowAndReadNullsAsAbsent() {
        String json = "{\"schema\": \"evidence-sync/receipt/v1\", \"status\": \"CLAIMED\", \"key\": \"a.json\","
                + " \"size\": 7, \"future\": {\"nested\": [1, 2]}, \"syncedAt\": null, \"build\": null, \"proofs\": null}";

        Receipt receipt = ReceiptCodec.fromJson("k", json.getBytes(StandardCharsets.UTF_8));

        assertThat(receipt.status()).isEqualTo(ReceiptStatus.CLAIMED);
        assertThat(receipt.size()).isEqualTo(7);
        assertThat(receipt.syncedAt()).isNull();
        assertThat(receipt.build()).isNull();
        assertThat(receipt.proofs()).isEmpty();
    }

    @Test
    void shouldRefuseTextAfterTheReceipt() {
        byte[] twice = (new String(ReceiptCodec.toJson(claim()), StandardCharsets.UTF_8) + " {}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ReceiptCodec.fromJson("k", twice)).isInstanceOf(EvidenceException.class)
                .hasMessageContaining("receipt 'k' is not valid JSON");
    }

    @Test
    void shouldTellStaleClaimsFromFreshOnes() {
        assertThat(claim().isStaleClaim(NOW.plusSeconds(60), Duration.ofMinutes(15))).isFalse();
        assertThat(claim().isStaleClaim(NOW.plusSeconds(901), Duration.ofMinutes(15))).isTrue();
        assertThat(claim().synced(List.of(), null, NOW).isStaleClaim(NOW.plusSeconds(9999), Duration.ofMinutes(15))).isFalse();
    }

    @Test
    void shouldTreatAClaimAsStaleOnceItsInvocationsDeadlineAndTheMarginHavePassed() {
        // claimed at NOW by an invocation with a 120 s deadline; the margin is 30 s
        assertThat(claim().isStaleClaim(NOW.plusSeconds(150), Duration.ofMinutes(15))).isFalse();
        assertThat(claim().isStaleClaim(NOW.plusSeconds(151), Duration.ofMinutes(15))).isTrue();
        Receipt noDeadline = Receipt.claim("evidence", "k", "v1", "ab".repeat(32), 1, null, BUILD, "t", "r", NOW, null);
        assertThat(noDeadline.isStaleClaim(NOW.plusSeconds(151), Duration.ofMinutes(15))).isFalse();
    }

    @Test
    void shouldKeepTheClaimsDeadlineThroughTheCodecAndLaterStates() {
        Receipt failed = ReceiptCodec.fromJson("k", ReceiptCodec.toJson(claim().failed(List.of(), null, "boom")));

        assertThat(failed.claimExpiresAt()).isEqualTo(NOW.plusSeconds(120));
        assertThat(ReceiptCodec.fromJson("k", ReceiptCodec.toJson(claim())).claimExpiresAt()).isEqualTo(NOW.plusSeconds(120));
    }

    @Test
    void shouldRefuseSomethingThatIsNotAReceipt() {
        assertThatThrownBy(() -> ReceiptCodec.fromJson("k", "{\"schema\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EvidenceException.class).hasMessageContaining("not an Evidence Sync receipt");
        assertThatThrownBy(() -> ReceiptCodec.fromJson("k", "{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EvidenceException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void shouldKeepTheLatestReceiptApartFromEveryVersionsReceipt() {
        assertThat(ReceiptKeys.latestKey("evidence-sync-receipts", "evidence/a.json"))
                .isEqualTo("evidence-sync-receipts/evidence/a.json/@latest.json");
        assertThat(ReceiptKeys.versionKey("evidence-sync-receipts", "evidence/a.json", "@latest"))
                .isNotEqualTo(ReceiptKeys.latestKey("evidence-sync-receipts", "evidence/a.json"));
    }
}
