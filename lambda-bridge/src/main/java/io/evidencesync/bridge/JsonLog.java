package io.evidencesync.bridge;

import java.io.PrintStream;
import java.time.Clock;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Structured logs: one JSON line per object (and per rejected event), on the function's stdout. Only fields built
 * here are written; secrets and tokens never reach this class.
 */
final class JsonLog {
    private final PrintStream out;
    private final Clock clock;

    JsonLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    void object(Outcome outcome, String requestId) {
        JsonObject line = base(outcome.failed() ? "ERROR" : outcome.rewritten() || outcome.status() == Outcome.Status.SKIPPED
                        || outcome.status() == Outcome.Status.SUPERSEDED ? "WARN" : "INFO",
                "object " + outcome.status().name().toLowerCase(java.util.Locale.ROOT), requestId);
        line.addProperty("outcome", outcome.status().name().toLowerCase(java.util.Locale.ROOT));
        line.addProperty("bucket", outcome.ref().bucket());
        line.addProperty("key", outcome.ref().key());
        line.addProperty("versionId", outcome.ref().versionId());
        line.add("controls", array(outcome.controls()));
        line.add("proofIds", array(outcome.proofIds()));
        line.addProperty("buildUrl", outcome.buildUrl());
        line.addProperty("durationMs", outcome.durationMs());
        if (outcome.reason() != null) {
            line.addProperty("reason", outcome.reason());
        }
        if (outcome.failed()) {
            line.addProperty("retryable", outcome.retryable());
        }
        if (outcome.rewritten()) {
            line.addProperty("rewritten", true);
        }
        emit(line);
    }

    /** An event or message that names no object (malformed, or S3's test event). */
    void event(String level, String message, String requestId, String detail) {
        JsonObject line = base(level, message, requestId);
        if (detail != null) {
            line.addProperty("reason", detail);
        }
        emit(line);
    }

    private JsonObject base(String level, String message, String requestId) {
        JsonObject line = new JsonObject();
        line.addProperty("timestamp", clock.instant().toString());
        line.addProperty("level", level);
        line.addProperty("message", message);
        line.addProperty("requestId", requestId);
        return line;
    }

    private static JsonArray array(java.util.List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    private void emit(JsonObject line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
