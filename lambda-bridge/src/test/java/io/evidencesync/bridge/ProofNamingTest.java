package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.evidencesync.core.contract.EvidenceMetadata;
import io.evidencesync.core.evidence.EvidenceFormat;

class ProofNamingTest {
    private static EvidenceMetadata metadata(String pipeline) {
        return new EvidenceMetadata(1, "ab".repeat(32), EvidenceFormat.OTLP_JSON, false, null, null,
                "https://github.com/acme/app/actions/runs/9001/attempts/2", "github-actions", pipeline, "9001", 2, null);
    }

    @Test
    void shouldCarryTheBuildIdentityAndTheOriginalPath() {
        String key = "evidence/github-actions/acme/app/CI/9001/2/files/reports/my%20scan%2Bv2.json";

        assertThat(ProofNaming.proofName(key, metadata("acme/app/CI")))
                .isEqualTo("github-actions-acme app CI-9001-2__reports my scan+v2.json");
    }

    @Test
    void shouldNameTheManifest() {
        assertThat(ProofNaming.proofName("evidence/github-actions/acme/app/CI/9001/2/manifest.json", metadata("acme/app/CI")))
                .isEqualTo("github-actions-acme app CI-9001-2__manifest.json");
    }

    @Test
    void shouldFallBackToTheLastKeySegmentOutsideTheContractLayout() {
        assertThat(ProofNaming.proofName("somewhere/else/x.json", metadata("p"))).isEqualTo("github-actions-p-9001-2__x.json");
    }

    @Test
    void shouldReplaceControlCharactersAndQuotesAndStayShort() {
        assertThat(ProofNaming.sanitise("a\"b\\c\nd")).isEqualTo("a b c d");
        String longName = "x".repeat(300) + ".json";
        String name = ProofNaming.proofName("evidence/github-actions/p/9001/2/files/" + longName, metadata("p"));
        assertThat(name).hasSizeLessThanOrEqualTo(ProofNaming.MAX_LENGTH).endsWith(".json");
    }
}
