package io.evidencesync.core.hyperproof;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one HTTP/1.1 request and returns the answer, whatever its status: the Hyperproof client's only way onto the
 * network. Redirects are never followed (a 3xx is an answer like any other). {@link UrlConnectionTransport} is the
 * production implementation.
 *
 * <pre>
 * HttpTransport.Response response = transport.send(HttpTransport.Request.get(uri, Duration.ofSeconds(30))
 *         .header("Accept", "application/json"));
 * </pre>
 */
@FunctionalInterface
public interface HttpTransport {
    /**
     * Sends {@code request} once.
     *
     * @throws java.net.SocketTimeoutException when connecting or waiting for the answer took longer than the
     *                                         request's timeout
     * @throws IOException                     when the connection could not be made or dropped before a complete answer
     */
    Response send(Request request) throws IOException;

    /**
     * One request. {@link #toString()} names only the method and URI: headers and body carry the bearer token and the
     * client secret.
     *
     * @param method  {@code GET} or {@code POST}
     * @param uri     absolute {@code http} or {@code https} URI
     * @param headers request headers, one value each
     * @param body    the request body, or null for none
     * @param timeout the longest the transport may wait to connect, and then for each read of the answer
     * @param reader  turns the answer's body into the {@link Response#body()} text
     */
    record Request(String method, URI uri, Map<String, String> headers, Body body, Duration timeout, BodyReader reader) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(reader, "reader");
            headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        /** A {@code GET} whose answer is read as UTF-8 text. */
        public static Request get(URI uri, Duration timeout) {
            return new Request("GET", uri, Map.of(), null, timeout, BodyReader.UTF8_TEXT);
        }

        /** A {@code POST} of {@code body} whose answer is read as UTF-8 text. */
        public static Request post(URI uri, Duration timeout, Body body) {
            return new Request("POST", uri, Map.of(), Objects.requireNonNull(body, "body"), timeout, BodyReader.UTF8_TEXT);
        }

        /** This request with one more header (replacing one of the same name). */
        public Request header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Request(method, uri, more, body, timeout, reader);
        }

        /** This request with another reader for the answer's body. */
        public Request reading(BodyReader newReader) {
            return new Request(method, uri, headers, body, timeout, newReader);
        }

        @Override
        public String toString() {
            return method + " " + uri;
        }
    }

    /**
     * An answer.
     *
     * @param status  the HTTP status code
     * @param headers the header fields in the order received, names as sent
     * @param body    the body as the request's {@link BodyReader} made it ({@code ""} when there was none)
     */
    record Response(int status, List<Map.Entry<String, String>> headers, String body) {
        public Response {
            headers = List.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        /** The first value of the named header (case-insensitive). */
        public Optional<String> header(String name) {
            String wanted = name.toLowerCase(Locale.ROOT);
            return headers.stream().filter(field -> field.getKey().toLowerCase(Locale.ROOT).equals(wanted))
                    .map(Map.Entry::getValue).findFirst();
        }

        /** The status and body length only: a token answer's body is the access token. */
        @Override
        public String toString() {
            return "Response[" + status + ", " + body.length() + " chars]";
        }
    }

    /** A request body of known length, written once by the transport. */
    interface Body {
        /** The exact number of bytes {@link #writeTo} writes (sent as {@code Content-Length}). */
        long length();

        /**
         * True for a small body held in memory and safe to send twice (a token request): the transport may buffer it,
         * and the JDK then sends it once more by itself when the connection fails before an answer. Otherwise
         * (uploads) it is streamed with its fixed length and never sent twice by the transport, but a 401 answer to
         * it comes without its body ({@link java.net.HttpURLConnection} drops that body in streaming mode).
         */
        boolean inMemory();

        void writeTo(OutputStream out) throws IOException;

        /** A small body held in memory. */
        static Body of(byte[] bytes) {
            byte[] copy = bytes.clone();
            return new Body() {
                @Override
                public long length() {
                    return copy.length;
                }

                @Override
                public boolean inMemory() {
                    return true;
                }

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    out.write(copy);
                }
            };
        }
    }

    /** Reads an answer's body, all of it, into the text the client works with. */
    @FunctionalInterface
    interface BodyReader {
        /** The body as UTF-8 text. */
        BodyReader UTF8_TEXT = (status, body) -> new String(body.readAllBytes(), StandardCharsets.UTF_8);

        /**
         * @param status the answer's status code, so success and error bodies can be read differently
         * @param body   the body (an error status's error stream); the transport drains and closes it afterwards, so
         *               the reader must not close it
         */
        String read(int status, InputStream body) throws IOException;
    }
}
