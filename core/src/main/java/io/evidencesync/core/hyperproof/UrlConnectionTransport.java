package io.evidencesync.core.hyperproof;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link HttpTransport} over {@link HttpURLConnection}, the JDK's HTTP/1.1 client that the function's S3 and SSM
 * calls (the SDK's URL-connection client) load anyway: no {@code java.net.http} classes, no selector thread.
 *
 * <p>Redirects are never followed. The connect timeout is {@value #CONNECT_TIMEOUT_SECONDS} s, or the request's
 * timeout when that is shorter; the request's timeout also bounds every read of the answer (status line, headers,
 * each chunk of the body), so a silent server fails with {@link java.net.SocketTimeoutException}. Writing a body has
 * no socket timeout, so a watchdog closes the connection when the request's timeout has passed with the body still
 * being sent (a server that stopped reading it) and the send fails with the same timeout exception. A body that is not {@linkplain HttpTransport.Body#inMemory() in memory} is streamed with
 * its fixed length and never resent; a {@code GET}, or a {@code POST} of an in-memory body, the JDK sends once more
 * by itself when the connection fails before an answer ({@code sun.net.http.retryPost}), never after a timeout. An
 * error status's body is read from the error stream. Answers are read to the end and closed, so the connection can
 * be kept alive and reused; after a failure it is closed.
 */
public final class UrlConnectionTransport implements HttpTransport {
    static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS);

    /** Closes connections whose body outlasts the request timeout; one daemon thread, started by the first body. */
    private static final class Watchdog {
        static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hyperproof-send-timeout");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Response send(Request request) throws IOException {
        URLConnection opened = request.uri().toURL().openConnection();
        if (!(opened instanceof HttpURLConnection connection)) {
            throw new IllegalArgumentException("not an http(s) URI: " + request);
        }
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = null;
        try {
            int timeout = millis(request.timeout());
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(Math.min(timeout, millis(CONNECT_TIMEOUT)));
            connection.setReadTimeout(timeout);
            connection.setRequestMethod(request.method());
            for (Map.Entry<String, String> header : request.headers().entrySet()) {
                connection.setRequestProperty(header.getKey(), header.getValue());
            }
            if (request.body() != null) {
                watchdog = Watchdog.TIMER.schedule(() -> {
                    expired.set(true);
                    connection.disconnect();
                }, timeout, TimeUnit.MILLISECONDS);
                write(connection, request.body());
                watchdog.cancel(false);
            }
            int status = connection.getResponseCode();
            if (status < 0) {
                throw new IOException("no valid HTTP answer to " + request);
            }
            List<Map.Entry<String, String>> headers = headers(connection);
            return new Response(status, headers, read(connection, status, request.reader()));
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            if (expired.get() && !(e instanceof SocketTimeoutException)) {
                SocketTimeoutException timedOut = new SocketTimeoutException("the request body was still being sent when"
                        + " the timeout of " + request.timeout().toMillis() + " ms passed");
                timedOut.initCause(e);
                throw timedOut;
            }
            throw e;
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
    }

    private static void write(HttpURLConnection connection, Body body) throws IOException {
        connection.setDoOutput(true);
        if (!body.inMemory()) {
            connection.setFixedLengthStreamingMode(body.length());
        }
        try (OutputStream out = connection.getOutputStream()) {
            body.writeTo(out);
        }
    }

    /** Header fields in the order received (the status line, field 0, has no name). */
    private static List<Map.Entry<String, String>> headers(HttpURLConnection connection) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; ; i++) {
            String name = connection.getHeaderFieldKey(i);
            String value = connection.getHeaderField(i);
            if (name == null && value == null) {
                return headers;
            }
            if (name != null && value != null) {
                headers.add(Map.entry(name, value));
            }
        }
    }

    private static String read(HttpURLConnection connection, int status, BodyReader reader) throws IOException {
        InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (body == null) {
            return reader.read(status, InputStream.nullInputStream());
        }
        try (body) {
            String text = reader.read(status, body);
            body.transferTo(OutputStream.nullOutputStream()); // whatever the reader left: the connection stays reusable
            return text;
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }
}
