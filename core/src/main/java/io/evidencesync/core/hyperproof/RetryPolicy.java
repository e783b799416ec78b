package io.evidencesync.core.hyperproof;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded exponential backoff with jitter, honouring {@code Retry-After}, within the caller's {@link Deadline}.
 *
 * @param maxAttempts    attempts per call, including the first
 * @param baseDelay      the backoff before the first retry; doubled for each further retry
 * @param maxDelay       the cap of one backoff (also of a {@code Retry-After} the server asks for)
 * @param reserve        time left untouched at the end of the deadline (to record the outcome)
 * @param requestTimeout the longest a single request may take (shorter when the deadline is closer)
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration reserve,
                          Duration requestTimeout) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(5),
                Duration.ofMinutes(2));
    }

    /**
     * The pause before retry number {@code retry} (1 for the first retry): the server's {@code Retry-After} when it
     * sent one, else "equal jitter" backoff: half the exponential delay plus a random part of the other half.
     */
    public long delayMillis(int retry, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return Math.min(Math.max(0, retryAfter.get().toMillis()), maxDelay.toMillis());
        }
        long exponential = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(retry - 1, 20));
        long half = exponential / 2;
        return half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** True when waiting {@code delayMillis} still leaves time for a request before the reserve. */
    public boolean fits(long delayMillis, Deadline deadline) {
        return deadline.remainingMillis() - delayMillis - reserve.toMillis() >= 1_000;
    }

    /** The timeout for the next request: the request timeout, or less when the deadline is closer. */
    public Duration timeoutWithin(Deadline deadline) {
        long available = deadline.remainingMillis() - reserve.toMillis();
        return Duration.ofMillis(Math.max(1, Math.min(requestTimeout.toMillis(), available)));
    }

    /** Parses a {@code Retry-After} header: delta seconds or an HTTP date. */
    public static Optional<Duration> parseRetryAfter(Optional<String> header, java.time.Clock clock) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Duration.ofMillis(Math.max(0, when.toInstant().toEpochMilli() - clock.millis())));
            } catch (DateTimeParseException ignored) {
                return Optional.empty();
            }
        }
    }
}
