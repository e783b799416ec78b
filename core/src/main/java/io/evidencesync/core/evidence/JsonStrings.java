package io.evidencesync.core.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads the small values that name things out of a streaming parser, as strings: a scalar, an array of them, or
 * an OCSF object named by {@code uid} (preferred) or {@code name}. Each method starts on the value's first token
 * and leaves the parser on its last. A large file repeats the same few values (control ids, statuses, rule ids)
 * hundreds of thousands of times: each distinct short string is made once per instance, and handed out again
 * (one instance per file read; not thread-safe).
 */
final class JsonStrings {
    private static final List<String> ANY_VALUE_SCALARS = List.of("stringValue", "intValue", "doubleValue", "boolValue");
    private static final int SLOTS = 256;
    private static final int LONGEST_SHARED = 64;

    private final String[] shared = new String[SLOTS];
    private final char[][] sharedChars = new char[SLOTS][];
    private final String[] sharedByBytes = new String[SLOTS];
    private final byte[][] sharedBytes = new byte[SLOTS][];

    /** The strings of OCSF's {@code compliance} object, refilled for each finding. */
    static final class Compliance {
        final List<String> controls = new ArrayList<>();
        final List<String> requirements = new ArrayList<>();
        final List<String> standards = new ArrayList<>();
        final List<String> statuses = new ArrayList<>();

        void clear() {
            controls.clear();
            requirements.clear();
            standards.clear();
            statuses.clear();
        }
    }

    /** Fills {@code compliance} (cleared first) from the value; leaves it empty when the value is not an object. */
    void compliance(JsonParser parser, Compliance compliance) throws IOException {
        compliance.clear();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "control" -> strings(parser, compliance.controls);
                case "requirements" -> strings(parser, compliance.requirements);
                case "standards" -> strings(parser, compliance.standards);
                case "status" -> strings(parser, compliance.statuses);
                default -> parser.skipChildren();
            }
        }
    }

    /** The strings of one field of an object value (e.g. {@code policy.uid}); nothing when it is not an object. */
    void fieldOf(JsonParser parser, String name, List<String> sink) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean wanted = name.equals(parser.currentName());
            parser.nextToken();
            if (wanted) {
                strings(parser, sink);
            } else {
                parser.skipChildren();
            }
        }
    }

    /** Every string in a value: a scalar's text, each element of an array, an object's {@code uid} or {@code name}. */
    void strings(JsonParser parser, List<String> sink) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_ARRAY) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                strings(parser, sink);
            }
        } else if (token == JsonToken.START_OBJECT) {
            List<String> uid = null;
            List<String> name = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("uid".equals(field)) {
                    uid = new ArrayList<>(1);
                    strings(parser, uid);
                } else if ("name".equals(field)) {
                    name = new ArrayList<>(1);
                    strings(parser, name);
                } else {
                    parser.skipChildren();
                }
            }
            List<String> named = uid != null ? uid : name;
            if (named != null) {
                sink.addAll(named);
            }
        } else if (token != null && token.isScalarValue() && token != JsonToken.VALUE_NULL) {
            sink.add(text(parser));
        }
    }

    /**
     * An OTLP {@code AnyValue}: its scalar ({@code stringValue}, {@code intValue}, {@code doubleValue} or
     * {@code boolValue}, first in that order when several are given) or the scalars of its {@code arrayValue}.
     */
    void anyValue(JsonParser parser, List<String> sink) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        int scalarRank = Integer.MAX_VALUE;
        String scalar = null;
        List<String> array = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            int rank = ANY_VALUE_SCALARS.indexOf(field);
            if (rank >= 0 && rank < scalarRank && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                scalarRank = rank;
                scalar = text(parser);
            } else if ("arrayValue".equals(field) && value == JsonToken.START_OBJECT) {
                array = new ArrayList<>();
                fieldValues(parser, array);
            } else {
                parser.skipChildren();
            }
        }
        if (scalar != null) {
            sink.add(scalar);
        } else if (array != null) {
            sink.addAll(array);
        }
    }

    /** {@code arrayValue: {values: [AnyValue...]}}. */
    private void fieldValues(JsonParser parser, List<String> sink) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean values = "values".equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (values && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    anyValue(parser, sink);
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    /** The current scalar's text; a short string value is the same String each time it recurs. */
    String text(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING || parser.getTextLength() > LONGEST_SHARED) {
            return parser.getText();
        }
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i];
        }
        int slot = slot(hash);
        char[] known = sharedChars[slot];
        if (known != null && Arrays.equals(known, 0, known.length, chars, offset, offset + length)) {
            return shared[slot];
        }
        String value = new String(chars, offset, length);
        shared[slot] = value;
        sharedChars[slot] = Arrays.copyOfRange(chars, offset, offset + length);
        return value;
    }

    /**
     * The text of UTF-8 bytes as written in the JSON: a string's contents without escapes, or a number or literal;
     * a short one is the same String each time it recurs.
     */
    String text(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length > LONGEST_SHARED) {
            return new String(bytes, from, length, StandardCharsets.UTF_8);
        }
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + bytes[i];
        }
        int slot = slot(hash);
        byte[] known = sharedBytes[slot];
        if (known != null && known.length == length) {
            int i = 0;
            while (i < length && known[i] == bytes[from + i]) {
                i++;
            }
            if (i == length) {
                return sharedByBytes[slot];
            }
        }
        String value = new String(bytes, from, length, StandardCharsets.UTF_8);
        sharedByBytes[slot] = value;
        sharedBytes[slot] = Arrays.copyOfRange(bytes, from, to);
        return value;
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 8)) & (SLOTS - 1);
    }
}
