package io.evidencesync.core.evidence;

import java.io.IOException;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Streams one JSON document (an OTLP logs export, an OCSF finding, or an array of findings) without holding the
 * whole document in memory: only one log record or one finding is materialised at a time.
 */
final class DocumentScanner {
    /** What a document turned out to be. */
    enum Kind { OTLP_LOGS, OCSF, UNKNOWN }

    private static final Set<String> OTHER_OTLP_SIGNALS = Set.of("resourceSpans", "resourceMetrics", "resourceProfiles");

    private final SummaryCollector collector;

    DocumentScanner(SummaryCollector collector) {
        this.collector = collector;
    }

    /** Reads the next value from {@code reader} (which must be positioned before it) and reports its kind. */
    Kind scan(JsonReader reader) throws IOException {
        JsonToken token = reader.peek();
        if (token == JsonToken.BEGIN_ARRAY) {
            return scanFindingArray(reader);
        }
        if (token != JsonToken.BEGIN_OBJECT) {
            reader.skipValue();
            return Kind.UNKNOWN;
        }
        reader.beginObject();
        boolean logs = false;
        String otherSignal = null;
        JsonObject rest = new JsonObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            if ("resourceLogs".equals(name)) {
                logs = true;
                scanResourceLogs(reader);
            } else if (OTHER_OTLP_SIGNALS.contains(name)) {
                otherSignal = name;
                reader.skipValue();
            } else {
                rest.add(name, JsonParser.parseReader(reader));
            }
        }
        reader.endObject();
        if (logs) {
            return Kind.OTLP_LOGS;
        }
        if (otherSignal != null) {
            throw new UnsupportedSignalException(otherSignal);
        }
        if (OcsfFinding.looksLikeOcsf(rest)) {
            OcsfFinding.collect(rest, collector);
            return Kind.OCSF;
        }
        return Kind.UNKNOWN;
    }

    private Kind scanFindingArray(JsonReader reader) throws IOException {
        reader.beginArray();
        Kind kind = Kind.OCSF;
        while (reader.hasNext()) {
            JsonElement element = JsonParser.parseReader(reader);
            if (element.isJsonObject() && OcsfFinding.looksLikeOcsf(element.getAsJsonObject())) {
                OcsfFinding.collect(element.getAsJsonObject(), collector);
            } else {
                kind = Kind.UNKNOWN;
            }
        }
        reader.endArray();
        return kind;
    }

    private void scanResourceLogs(JsonReader reader) throws IOException {
        eachObjectOf(reader, resourceLogsField -> {
            if ("scopeLogs".equals(resourceLogsField)) {
                eachObjectOf(reader, scopeLogsField -> {
                    if ("logRecords".equals(scopeLogsField)) {
                        reader.beginArray();
                        while (reader.hasNext()) {
                            JsonElement logRecord = JsonParser.parseReader(reader);
                            if (!logRecord.isJsonObject()) {
                                throw new IllegalStateException("Expected a log record object but was "
                                        + logRecord + " at " + reader.getPath());
                            }
                            OtlpAttributes.collect(logRecord.getAsJsonObject(), collector);
                        }
                        reader.endArray();
                    } else {
                        reader.skipValue();
                    }
                });
            } else {
                reader.skipValue();
            }
        });
    }

    /** Iterates an array of objects, handing each field name to {@code field}, which must consume the value. */
    private static void eachObjectOf(JsonReader reader, FieldHandler field) throws IOException {
        reader.beginArray();
        while (reader.hasNext()) {
            reader.beginObject();
            while (reader.hasNext()) {
                field.handle(reader.nextName());
            }
            reader.endObject();
        }
        reader.endArray();
    }

    @FunctionalInterface
    private interface FieldHandler {
        void handle(String name) throws IOException;
    }

    /** An OTLP export of traces, metrics or profiles: valid OTLP, but not evidence. */
    static final class UnsupportedSignalException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedSignalException(String signal) {
            super(signal);
        }
    }
}
