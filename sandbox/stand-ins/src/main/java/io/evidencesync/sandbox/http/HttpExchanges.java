package io.evidencesync.sandbox.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpExchange;

/** Response and request helpers shared by the emulators' handlers on top of {@link HttpExchange}. */
public final class HttpExchanges {
    private HttpExchanges() {
    }

    /** Sends a complete response with a body of known length and closes the exchange. */
    public static void send(HttpExchange exchange, int status, String contentType, byte[] body,
            Map<String, String> headers) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Closes the connection without sending a status line: the client sees the connection closed (EOF or reset)
     * instead of a response. Only valid before any response header has been sent.
     */
    public static void dropConnection(HttpExchange exchange) {
        // Without sendResponseHeaders the JDK server has no response stream to finish and closes the socket itself.
        exchange.close();
    }

    /** Reads and discards whatever is left of the request body, so the client can read a response cleanly. */
    public static void drainRequestBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** The request headers, keys matched case-insensitively, each list unmodifiable. */
    public static Map<String, List<String>> requestHeaders(HttpExchange exchange) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return copy;
    }

    /** The first value of a header in a map from {@link #requestHeaders(HttpExchange)}. */
    public static Optional<String> firstValue(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Decodes {@code application/x-www-form-urlencoded} text (a body or a raw query string) with
     * {@link URLDecoder}, so {@code +} is a space and {@code %2B} a plus.
     *
     * @throws IllegalArgumentException for a malformed escape or a repeated name (RFC 6749 section 3.1 forbids
     *                                  repeating parameters; the same is assumed for queries here)
     */
    public static Map<String, String> decodeForm(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (values.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("parameter '" + name + "' is repeated");
            }
        }
        return values;
    }
}
