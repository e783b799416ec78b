package io.evidencesync.core.hyperproof;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(20),
            Duration.ofSeconds(5), Duration.ofMinutes(2));

    @Test
    void shouldBackOffExponentiallyWithJitterUpToTheCap() {
        for (int retry = 1; retry <= 10; retry++) {
            long full = Math.min(20_000, 500L << (retry - 1));
            assertThat(policy.delayMillis(retry, Optional.empty())).isBetween(full / 2, full);
        }
    }

    @Test
    void shouldHonourRetryAfterButNotBeyondTheCap() {
        assertThat(policy.delayMillis(1, Optional.of(Duration.ofSeconds(3)))).isEqualTo(3000);
        assertThat(policy.delayMillis(1, Optional.of(Duration.ofMinutes(5)))).isEqualTo(20_000);
    }

    @Test
    void shouldParseRetryAfterAsSecondsOrHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

        assertThat(RetryPolicy.parseRetryAfter(Optional.of("7"), clock)).contains(Duration.ofSeconds(7));
        assertThat(RetryPolicy.parseRetryAfter(Optional.of("Fri, 27 Nov 2026 10:00:09 GMT"), clock))
                .contains(Duration.ofSeconds(9));
        assertThat(RetryPolicy.parseRetryAfter(Optional.of("soon"), clock)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter(Optional.empty(), clock)).isEmpty();
    }

    @Test
    void shouldOnlyWaitWhenTimeRemainsAfterTheReserve() {
        assertThat(policy.fits(1_000, () -> 10_000)).isTrue();
        assertThat(policy.fits(5_000, () -> 10_000)).isFalse();
        assertThat(policy.timeoutWithin(() -> 65_000)).isEqualTo(Duration.ofMinutes(1));
    }
}
