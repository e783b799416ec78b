package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ProofRouterTest {
    private final ProofRouter router = new ProofRouter(Map.of("OSPS-QA-07.01", "CC-7.2", "OSPS-AC-01", "CC-6.1"), "CC-1.1");

    private static List<String> controls(Route route) {
        return route.controls().stream().map(Route.Reference::control).toList();
    }

    @Test
    void shouldPreferTheMetadataOverride() {
        assertThat(controls(router.route("CC-9.9", Set.of("OSPS-QA-07.01")))).containsExactly("CC-9.9");
    }

    @Test
    void shouldMapEvidenceControlsThroughTheControlMap() {
        Route route = router.route(null, new java.util.TreeSet<>(Set.of("OSPS-QA-07.01", "OSPS-AC-01", "UNMAPPED")));

        assertThat(controls(route)).containsExactly("CC-6.1", "CC-7.2");
        assertThat(route.controls().get(0).origin()).isEqualTo("CONTROL_MAP[OSPS-AC-01]");
    }

    @Test
    void shouldFallBackToTheDefaultControlThenToTheOrganization() {
        assertThat(controls(router.route(null, Set.of("UNMAPPED")))).containsExactly("CC-1.1");
        assertThat(new ProofRouter(Map.of(), null).route(null, Set.of("X")).organizationLevel()).isTrue();
    }

    @Test
    void shouldSendTwoEvidenceControlsMappedToOneHyperproofControlOnce() {
        ProofRouter sameTarget = new ProofRouter(Map.of("A", "CC-1", "B", "CC-1"), null);

        assertThat(controls(sameTarget.route(null, Set.of("A", "B")))).containsExactly("CC-1");
    }
}
