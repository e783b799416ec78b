package io.evidencesync.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.evidencesync.core.EvidenceException;

class PublishRequestTest {
    private static PublishRequest.Builder request() {
        return PublishRequest.builder().bucket("evidence").baseDirectory(Path.of(".")).provenance(EvidencePublisherTest.BUILD);
    }

    @Test
    void shouldPutTheCiSpecificExtrasAfterTheContractsAttributesSortedByKey() {
        Map<String, String> provenance = request().extraProvenance(Map.of("github.workflow.ref", "acme/app/.github/workflows/ci.yml@refs/heads/main",
                "github.event.name", "push")).build().manifestProvenance();

        assertThat(provenance).containsAllEntriesOf(EvidencePublisherTest.BUILD.toAttributes());
        assertThat(provenance.keySet()).endsWith("github.event.name", "github.workflow.ref");
    }

    @Test
    void shouldRefuseExtrasThatWouldShadowTheContractsAttributes() {
        for (String key : new String[] {"cicd.pipeline.run.url.full", "vcs.ref.head.revision", "unnamespaced"}) {
            assertThatThrownBy(() -> request().extraProvenance(Map.of(key, "x")).build())
                    .isInstanceOf(EvidenceException.class).hasMessageStartingWith("extra provenance: '" + key + "'");
        }
    }
}
