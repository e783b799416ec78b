package io.evidencesync.bridge;

import java.time.Clock;

import com.amazonaws.services.lambda.runtime.Context;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.hyperproof.Deadline;

/** What both handlers share: production wiring with a clear init error, and the context → invocation mapping. */
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

    static Invocation invocation(Context context) {
        if (context == null) {
            return new Invocation(null, Deadline.none());
        }
        return new Invocation(context.getAwsRequestId(), Deadline.of(context::getRemainingTimeInMillis));
    }
}
