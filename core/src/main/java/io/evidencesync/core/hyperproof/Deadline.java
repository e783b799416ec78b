package io.evidencesync.core.hyperproof;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/** How much time the caller has left (a Lambda invocation's remaining time, or a fixed budget). */
@FunctionalInterface
public interface Deadline {
    long remainingMillis();

    static Deadline of(LongSupplier remainingMillis) {
        return remainingMillis::getAsLong;
    }

    static Deadline after(Duration budget, Clock clock) {
        long end = clock.millis() + budget.toMillis();
        return () -> end - clock.millis();
    }

    static Deadline none() {
        return () -> Long.MAX_VALUE / 4;
    }
}
