package io.evidencesync.core.evidence;

import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Turns the parser's failures into "line L, column C (at /json/pointer): reason", without parser internals. */
final class JsonErrors {
    /** Jackson names the source in nested locations: "[Source: ...; line: 1, column: 18]". */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; ");

    private JsonErrors() {
    }

    static String describe(JsonProcessingException e) {
        String reason = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        reason = SOURCE.matcher(reason).replaceAll("[");
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "malformed JSON: " + reason;
        }
        String path = e.getProcessor() instanceof JsonParser parser ? parser.getParsingContext().pathAsPointer().toString() : "";
        return "malformed JSON at line " + location.getLineNr() + ", column " + location.getColumnNr()
                + (path.isEmpty() ? "" : " (at " + path + ")") + ": " + reason;
    }

    /** Bytes that are not UTF-8, as opposed to UTF-8 text that is not valid JSON. */
    static boolean isEncodingError(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message != null && message.startsWith("Invalid UTF-8");
    }
}
