package io.evidencesync.core.evidence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Streams one JSON document (an OTLP logs export, an OCSF finding, or an array of findings) and hands what matters
 * to a {@link SummaryCollector}: log record attributes, and an OCSF finding's class, policy uid, status and
 * compliance object. Everything else, such as a record's body (often a large OCSF string), is skipped unread.
 */
final class DocumentScanner {
    /** What a document turned out to be. */
    enum Kind { OTLP_LOGS, OCSF, UNKNOWN }

    private static final Set<String> OTHER_OTLP_SIGNALS = Set.of("resourceSpans", "resourceMetrics", "resourceProfiles");

    private final SummaryCollector collector;
    private final JsonStrings strings = new JsonStrings();
    private final Finding finding = new Finding();

    DocumentScanner(SummaryCollector collector) {
        this.collector = collector;
    }

    /** Reads the value the parser is positioned on (its first token) and reports its kind. */
    Kind scan(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_ARRAY) {
            return scanFindingArray(parser);
        }
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return Kind.UNKNOWN;
        }
        boolean logs = false;
        String otherSignal = null;
        finding.reset();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if ("resourceLogs".equals(name)) {
                logs = true;
                scanResourceLogs(parser);
            } else if (OTHER_OTLP_SIGNALS.contains(name)) {
                otherSignal = name;
                parser.skipChildren();
            } else {
                readMember(name, parser);
            }
        }
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

    private Kind scanFindingArray(JsonParser parser) throws IOException {
        Kind kind = Kind.OCSF;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                kind = Kind.UNKNOWN;
                continue;
            }
            finding.reset();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                readMember(name, parser);
            }
            if (finding.isOcsf()) {
                finding.collect(collector);
            } else {
                kind = Kind.UNKNOWN;
            }
        }
        return kind;
    }

    /** {@code resourceLogs[].scopeLogs[].logRecords[]}; every other field is skipped. */
    private void scanResourceLogs(JsonParser parser) throws IOException {
        eachObjectOf(parser, "resourceLogs", resourceLogsField -> {
            if ("scopeLogs".equals(resourceLogsField)) {
                eachObjectOf(parser, "scopeLogs", scopeLogsField -> {
                    if ("logRecords".equals(scopeLogsField)) {
                        expect(parser, JsonToken.START_ARRAY, "logRecords");
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            scanLogRecord(parser);
                        }
                    } else {
                        parser.skipChildren();
                    }
                });
            } else {
                parser.skipChildren();
            }
        });
    }

    /** One log record: only its {@code attributes} are read. */
    private void scanLogRecord(JsonParser parser) throws IOException {
        expect(parser, JsonToken.START_OBJECT, "a log record");
        collector.record();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean attributes = "attributes".equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (attributes && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    scanAttribute(parser);
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    /** One {@code {key, value: AnyValue}} attribute; the two fields may come in either order. */
    private void scanAttribute(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        String key = null;
        List<String> values = new ArrayList<>(1);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("key".equals(field) && value == JsonToken.VALUE_STRING) {
                key = parser.getText();
            } else if ("value".equals(field)) {
                strings.anyValue(parser, values);
            } else {
                parser.skipChildren();
            }
        }
        if (key != null) {
            collector.attribute(key, values);
        }
    }

    /** One member of a finding: those the summary needs are read, every other is skipped. */
    private void readMember(String name, JsonParser parser) throws IOException {
        switch (name) {
            case "class_uid" -> finding.numericClassUid = parser.currentToken().isNumeric();
            case "policy" -> strings.fieldOf(parser, "uid", finding.policyUids);
            case "status" ->
                    finding.status = parser.currentToken() == JsonToken.VALUE_STRING ? strings.text(parser) : null;
            case "compliance" -> strings.compliance(parser, finding.compliance);
            default -> {
                // not needed for routing or reporting
            }
        }
        parser.skipChildren();
    }

    /** Iterates an array of objects, handing each field name to {@code field}, which must consume the value. */
    private static void eachObjectOf(JsonParser parser, String what, FieldHandler field) throws IOException {
        expect(parser, JsonToken.START_ARRAY, what);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            expect(parser, JsonToken.START_OBJECT, "an element of " + what);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                field.handle(name);
            }
        }
    }

    private static void expect(JsonParser parser, JsonToken token, String what) throws JsonParseException {
        if (parser.currentToken() != token) {
            String expected = token == JsonToken.START_ARRAY ? "an array" : "an object";
            throw new JsonParseException(parser, "OTLP structure: expected " + expected + " for " + what + " but found "
                    + parser.currentToken());
        }
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
