package io.evidencesync.sandbox.hyperproof;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import com.google.gson.JsonObject;

/**
 * A misbehaviour the {@link HyperproofEmulator} applies to one request instead of (or around) its normal handling.
 * Queue faults with {@link FaultQueue}; each request consumes at most one.
 *
 * <pre>
 * emulator.faults().enqueue(Fault.tooManyRequests(Duration.ofSeconds(2)));
 * emulator.faults().enqueue("POST", "/v1/controls/.+/proof", Fault.acceptThenDropConnection());
 * </pre>
 */
public sealed interface Fault {

    /** Answers with this status, JSON body and headers without handling the request (its body is read and discarded). */
    record Respond(int status, String jsonBody, Map<String, String> headers) implements Fault {
        public Respond {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a fault status must be 4xx or 5xx, was " + status);
            }
            Objects.requireNonNull(jsonBody, "jsonBody");
            headers = Map.copyOf(headers);
        }
    }

    /** Sleeps, then handles the request normally. */
    record Delay(Duration duration) implements Fault {
        public Delay {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("a delay cannot be negative");
            }
        }
    }

    /** Closes the connection without reading the request or sending a response; nothing is stored. */
    record DropConnection() implements Fault {
    }

    /**
     * Handles the request completely (an upload IS stored), then closes the connection instead of sending the
     * response: what a client sees when the server or the network fails after the commit.
     */
    record AcceptThenDropConnection() implements Fault {
    }

    /** 429 with the documented rate-limit body and no {@code Retry-After} (the docs warn it is not always sent). */
    static Fault tooManyRequests() {
        return new Respond(429, throttleBody(429, "Rate limit is exceeded. Try again in 5 seconds."), Map.of());
    }

    /** 429 with the documented rate-limit body and {@code Retry-After} in whole seconds. */
    static Fault tooManyRequests(Duration retryAfter) {
        return new Respond(429, throttleBody(429, "Rate limit is exceeded. Try again in " + retryAfter.toSeconds() + " seconds."),
                Map.of("Retry-After", Long.toString(retryAfter.toSeconds())));
    }

    /** 403 {@code {"statusCode":403,"message":"Bandwidth quota exceeded. Try again later."}}, a transient throttle. */
    static Fault bandwidthQuotaExceeded() {
        return new Respond(403, throttleBody(403, "Bandwidth quota exceeded. Try again later."), Map.of());
    }

    /** The bandwidth-quota 403 with {@code Retry-After} in whole seconds. */
    static Fault bandwidthQuotaExceeded(Duration retryAfter) {
        return new Respond(403, throttleBody(403, "Bandwidth quota exceeded. Try again later."),
                Map.of("Retry-After", Long.toString(retryAfter.toSeconds())));
    }

    /** A 5xx such as 500, 502 or 503 with a {@code {statusCode, message}} body. */
    static Fault serverError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("a server error is 5xx, was " + status);
        }
        return new Respond(status, throttleBody(status, "Internal server error (injected by the emulator)."), Map.of());
    }

    /** Any 4xx/5xx with the given JSON body. */
    static Fault status(int status, String jsonBody) {
        return new Respond(status, jsonBody, Map.of());
    }

    static Fault delay(Duration duration) {
        return new Delay(duration);
    }

    static Fault dropConnection() {
        return new DropConnection();
    }

    static Fault acceptThenDropConnection() {
        return new AcceptThenDropConnection();
    }

    private static String throttleBody(int status, String message) {
        JsonObject body = new JsonObject();
        body.addProperty("statusCode", status);
        body.addProperty("message", message);
        return body.toString();
    }
}
