package io.evidencesync.bridge;

import java.time.Clock;
import java.time.Duration;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.hyperproof.Deadline;

/** What both handlers share: production wiring with a clear init error, and the request id and remaining time → invocation mapping. */
final class HandlerSupport {
    private HandlerSupport() {
    }

    static Bridge bridgeFromEnvironment() {
        try {
            return Bridge.fromEnvironment(System.getenv());
        } catch (EvidenceException e) {
            new JsonLog(System.out, Clock.systemUTC()).event("ERROR", "invalid configuration", null, e.getMessage());
            throw e;
        }
    }

    /**
     * Without a Lambda context (the backfill's {@code --invoke}, run in-process), a budget of its own, a minute short
     * of the longest Lambda invocation: its calls then end in time, and its claims carry a deadline, like the
     * function's, so that a redrive running at the same time waits for it instead of taking the claim over while it
     * still uploads.
     */
    static final Duration IN_PROCESS_BUDGET = ObjectSync.LAMBDA_MAX_TIMEOUT.minusMinutes(1);

    /** @param remainingMillis the context's remaining time, or null without a context */
    static Invocation invocation(String requestId, java.util.function.LongSupplier remainingMillis) {
        return new Invocation(requestId, remainingMillis == null ? Deadline.after(IN_PROCESS_BUDGET, Clock.systemUTC())
                : Deadline.of(remainingMillis));
    }
}
