package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.hyperproof.ClientCredentials;
import io.evidencesync.core.hyperproof.Deadline;
import io.evidencesync.core.hyperproof.HyperproofClient;
import io.evidencesync.core.hyperproof.HyperproofEndpoints;
import io.evidencesync.core.hyperproof.RetryObserver;
import io.evidencesync.core.hyperproof.TokenProvider;
import io.evidencesync.core.hyperproof.UrlConnectionTransport;
import io.evidencesync.sandbox.hyperproof.HyperproofEmulatorExtension;

class ControlResolverTest {
    @RegisterExtension
    static final HyperproofEmulatorExtension HYPERPROOF = new HyperproofEmulatorExtension();

    static UUID control;

    private ControlResolver resolver;

    @BeforeAll
    static void seed() {
        HYPERPROOF.emulator().addServiceAccount("id", "secret");
        control = HYPERPROOF.emulator().addControl("SOC2-CC7.2", "Change monitoring");
    }

    @BeforeEach
    void create() {
        var endpoints = new HyperproofEndpoints(HYPERPROOF.emulator().baseUri(), HYPERPROOF.emulator().tokenUri());
        var tokens = new TokenProvider(new UrlConnectionTransport(), endpoints.tokenUrl(),
                () -> new ClientCredentials("id", "secret"), Clock.systemUTC());
        var client = new HyperproofClient(new UrlConnectionTransport(), endpoints, tokens,
                BridgeSandbox.fastRetries(), millis -> { }, RetryObserver.NONE, Clock.systemUTC());
        resolver = new ControlResolver(client, Duration.ofMinutes(5), Clock.systemUTC());
    }

    private long controlListings() {
        return HYPERPROOF.emulator().requests().stream().filter(r -> r.path().equals("/v1/controls")).count();
    }

    @Test
    void shouldResolveIdentifiersAndUuidsFromOneCachedListing() {
        ResolvedControl byIdentifier = resolver.resolve("SOC2-CC7.2", "CONTROL_ID", Deadline.none());
        ResolvedControl byUuid = resolver.resolve(control.toString().toUpperCase(), "CONTROL_MAP[x]", Deadline.none());

        assertThat(byIdentifier).isEqualTo(new ResolvedControl(control.toString(), "SOC2-CC7.2"));
        assertThat(byUuid).isEqualTo(byIdentifier);
        assertThat(controlListings()).isEqualTo(1);
    }

    @Test
    void shouldNameTheSettingOfAnUnknownIdentifier() {
        assertThatThrownBy(() -> resolver.resolve("NOPE-1", "CONTROL_MAP[OSPS-QA-07.01]", Deadline.none()))
                .isInstanceOf(EvidenceException.class).hasMessageContaining("NOPE-1").hasMessageContaining("CONTROL_MAP[OSPS-QA-07.01]");
    }
}
