package io.evidencesync.core.evidence;

import java.io.IOException;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
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
        FindingFields finding = new FindingFields();
        while (reader.hasNext()) {
            String name = reader.nextName();
            if ("resourceLogs".equals(name)) {
                logs = true;
                scanResourceLogs(reader);
            } else if (OTHER_OTLP_SIGNALS.contains(name)) {
                otherSignal = name;
                reader.skipValue();
            } else {
                finding.read(name, reader);
            }
        }
        reader.endObject();
        if (logs) {
            return Kind.OTLP_LOGS;
        }
        if (otherSignal != null) {
            throw new UnsupportedSignalException(otherSignal);
        }
        if (finding.isOcsf()) {
            finding.collect(collector);
            return Kind.OCSF;
        }
        return Kind.UNKNOWN;
    }

    private Kind scanFindingArray(JsonReader reader) throws IOException {
        reader.beginArray();
        Kind kind = Kind.OCSF;
        while (reader.hasNext()) {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                reader.skipValue();
                kind = Kind.UNKNOWN;
                continue;
            }
            FindingFields finding = new FindingFields();
            reader.beginObject();
            while (reader.hasNext()) {
                finding.read(reader.nextName(), reader);
            }
            reader.endObject();
            if (finding.isOcsf()) {
                finding.collect(collector);
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
                            scanLogRecord(reader);
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

    /** One log record: only its attributes are materialised; the body (often a large OCSF string) is skipped. */
    private void scanLogRecord(JsonReader reader) throws IOException {
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            throw new IllegalStateException("Expected a log record object but was " + reader.peek() + " at " + reader.getPath());
        }
        JsonElement attributes = null;
        reader.beginObject();
        while (reader.hasNext()) {
            if ("attributes".equals(reader.nextName())) {
                attributes = JsonParser.parseReader(reader);
            } else {
                reader.skipValue();
            }
        }
        reader.endObject();
        OtlpAttributes.collect(attributes, collector);
    }

    /** The fields of an OCSF finding that matter, read while every other field is skipped. */
    private static final class FindingFields {
        private boolean classUid;
        private JsonElement policy;
        private JsonElement status;
        private JsonElement compliance;

        void read(String name, JsonReader reader) throws IOException {
            switch (name) {
                case "class_uid" -> {
                    classUid = reader.peek() == JsonToken.NUMBER;
                    reader.skipValue();
                }
                case "policy" -> policy = policyUidOnly(reader);
                case "status" -> status = reader.peek() == JsonToken.STRING ? new JsonPrimitive(reader.nextString()) : skip(reader);
                case "compliance" -> compliance = JsonParser.parseReader(reader);
                default -> reader.skipValue();
            }
        }

        boolean isOcsf() {
            return classUid;
        }

        void collect(SummaryCollector collector) {
            OcsfFinding.collect(policy, status, compliance, collector);
        }

        private static JsonElement policyUidOnly(JsonReader reader) throws IOException {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                return skip(reader);
            }
            JsonObject policy = new JsonObject();
            reader.beginObject();
            while (reader.hasNext()) {
                if ("uid".equals(reader.nextName()) && reader.peek() == JsonToken.STRING) {
                    policy.addProperty("uid", reader.nextString());
                } else {
                    reader.skipValue();
                }
            }
            reader.endObject();
            return policy;
        }

        private static JsonElement skip(JsonReader reader) throws IOException {
            reader.skipValue();
            return null;
        }
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
