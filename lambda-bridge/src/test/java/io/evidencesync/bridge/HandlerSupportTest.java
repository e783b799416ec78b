package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class HandlerSupportTest {
    @Test
    void shouldGiveAnInProcessRunABudgetShortOfTheLongestLambdaSoItsClaimsCarryADeadline() {
        long remaining = HandlerSupport.invocation("backfill", null).deadline().remainingMillis();

        assertThat(remaining).isBetween(Duration.ofMinutes(14).minusSeconds(5).toMillis(), Duration.ofMinutes(14).toMillis());
    }

    @Test
    void shouldTakeTheRemainingTimeFromTheLambdaContext() {
        assertThat(HandlerSupport.invocation("request", () -> 42_000).deadline().remainingMillis()).isEqualTo(42_000);
    }
}
