package io.evidencesync.sandbox.http;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parsed header value of the form {@code value; name=token; name="quoted \"string\""}, as used by
 * {@code Content-Type} (RFC 9110 section 5.6.6) and {@code Content-Disposition} (RFC 6266).
 *
 * @param value      the part before the first {@code ;}, lower-cased (a media type or disposition type)
 * @param parameters parameter names are matched case-insensitively; values are unquoted and unescaped
 */
public record HeaderValue(String value, Map<String, String> parameters) {

    public HeaderValue {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(parameters);
        parameters = Collections.unmodifiableMap(copy);
    }

    /**
     * Parses a header value.
     *
     * @throws IllegalArgumentException for an unterminated quoted string, a parameter without {@code =}, or a
     *                                  repeated parameter
     */
    public static HeaderValue parse(String header) {
        if (header == null) {
            throw new IllegalArgumentException("header is missing");
        }
        int semicolon = indexOfUnquoted(header, 0);
        String value = header.substring(0, semicolon).trim().toLowerCase(Locale.ROOT);
        Map<String, String> parameters = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int position = semicolon;
        while (position < header.length()) {
            int next = indexOfUnquoted(header, position + 1);
            String parameter = header.substring(position + 1, next).trim();
            position = next;
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("parameter without '=' in header value");
            }
            String name = parameter.substring(0, equals).trim();
            if (parameters.put(name, unquote(parameter.substring(equals + 1).trim())) != null) {
                throw new IllegalArgumentException("parameter '" + name + "' is repeated");
            }
        }
        return new HeaderValue(value, parameters);
    }

    /** The lower-cased media type of a {@code Content-Type} value, or "" when it is missing or malformed. */
    public static String mediaTypeOf(String header) {
        if (header == null) {
            return "";
        }
        try {
            return parse(header).value();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** Index of the next {@code ;} outside a quoted string at or after {@code from}, or the length. */
    private static int indexOfUnquoted(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted string in header value");
        }
        return text.length();
    }

    private static String unquote(String raw) {
        if (raw.length() < 2 || raw.charAt(0) != '"' || raw.charAt(raw.length() - 1) != '"') {
            return raw;
        }
        StringBuilder result = new StringBuilder(raw.length());
        for (int i = 1; i < raw.length() - 1; i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() - 1) {
                c = raw.charAt(++i);
            }
            result.append(c);
        }
        return result.toString();
    }
}
