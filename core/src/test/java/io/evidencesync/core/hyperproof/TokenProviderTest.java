package io.evidencesync.core.hyperproof;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.evidencesync.sandbox.hyperproof.HyperproofEmulatorExtension;
import io.evidencesync.sandbox.hyperproof.HyperproofEmulatorSettings;
import io.evidencesync.sandbox.time.MutableClock;

class TokenProviderTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));

    @RegisterExtension
    static final HyperproofEmulatorExtension HYPERPROOF = new HyperproofEmulatorExtension(
            HyperproofEmulatorSettings.defaults().withClock(CLOCK).withTokenLifetime(Duration.ofMinutes(10)));

    @BeforeAll
    static void seed() {
        HYPERPROOF.emulator().addServiceAccount("id", "secret");
    }

    @Test
    void shouldCacheTheTokenUntilThirtySecondsBeforeItExpires() {
        AtomicInteger fetched = new AtomicInteger();
        TokenProvider tokens = new TokenProvider(HyperproofClient.defaultHttpClient(), HYPERPROOF.emulator().tokenUri(),
                () -> {
                    fetched.incrementAndGet();
                    return new ClientCredentials("id", "secret");
                }, CLOCK);

        String first = tokens.token(Duration.ofSeconds(5));
        CLOCK.advance(Duration.ofSeconds(569));
        String cached = tokens.token(Duration.ofSeconds(5));
        CLOCK.advance(Duration.ofSeconds(2));
        String renewed = tokens.token(Duration.ofSeconds(5));

        assertThat(cached).isEqualTo(first);
        assertThat(renewed).isNotEqualTo(first);
        assertThat(fetched).hasValue(2);
        assertThat(tokens.toString()).doesNotContain(first).doesNotContain("secret");
    }

    @Test
    void shouldDropOnlyTheTokenThatWasRefused() {
        TokenProvider tokens = new TokenProvider(HyperproofClient.defaultHttpClient(), HYPERPROOF.emulator().tokenUri(),
                () -> new ClientCredentials("id", "secret"), CLOCK);
        String first = tokens.token(Duration.ofSeconds(5));

        tokens.invalidate("some-older-token");
        assertThat(tokens.token(Duration.ofSeconds(5))).isEqualTo(first);
        tokens.invalidate(first);
        assertThat(tokens.token(Duration.ofSeconds(5))).isNotEqualTo(first);
    }
}
