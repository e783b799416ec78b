package io.evidencesync.core.hyperproof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.evidencesync.core.EvidenceException;

class HyperproofEndpointsTest {
    @Test
    void shouldAcceptHttpsAndLoopbackHttpOnly() {
        assertThat(HyperproofEndpoints.parse("HYPERPROOF_API_URL", "https://api.hyperproof.eu")).hasHost("api.hyperproof.eu");
        assertThat(HyperproofEndpoints.parse("HYPERPROOF_API_URL", "http://127.0.0.1:8080")).hasPort(8080);
        assertThat(HyperproofEndpoints.parse("HYPERPROOF_API_URL", "http://localhost:8080")).hasHost("localhost");
        assertThat(HyperproofEndpoints.parse("HYPERPROOF_API_URL", "http://[::1]:8080")).hasPort(8080);

        assertThatThrownBy(() -> HyperproofEndpoints.parse("HYPERPROOF_API_URL", "http://api.hyperproof.app"))
                .isInstanceOf(EvidenceException.class).hasMessageContaining("HYPERPROOF_API_URL").hasMessageContaining("https");
        assertThatThrownBy(() -> HyperproofEndpoints.parse("HYPERPROOF_TOKEN_URL", "ftp://127.0.0.1/x"))
                .hasMessageContaining("HYPERPROOF_TOKEN_URL");
        assertThatThrownBy(() -> HyperproofEndpoints.parse("HYPERPROOF_TOKEN_URL", "not a url"))
                .hasMessageContaining("HYPERPROOF_TOKEN_URL");
        assertThatThrownBy(() -> HyperproofEndpoints.parse("HYPERPROOF_API_URL", "http://127.0.0.1.evil.example"))
                .hasMessageContaining("https");
    }

    @Test
    void shouldJoinApiPathsWithoutDoubleSlashes() {
        HyperproofEndpoints endpoints = new HyperproofEndpoints(java.net.URI.create("https://api.hyperproof.app/"),
                java.net.URI.create(HyperproofEndpoints.US_TOKEN));

        assertThat(endpoints.api("/v1/proof")).hasToString("https://api.hyperproof.app/v1/proof");
    }
}
