package io.evidencesync.bridge;

import java.time.Clock;

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

    /** @param remainingMillis the context's remaining time, or null without a context */
    static Invocation invocation(String requestId, java.util.function.LongSupplier remainingMillis) {
        return new Invocation(requestId, remainingMillis == null ? Deadline.none() : Deadline.of(remainingMillis));
    }
}
