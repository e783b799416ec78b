package io.evidencesync.sandbox.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the AWS Lambda Runtime API (2018-06-01), the interface AWS's runtime interface client (RIC)
 * polls inside the managed runtime. Lets tests and benchmarks run a packaged function under the real RIC:
 * queue an event with {@link #invoke}, and the RIC's {@code /next} call receives it with the headers the managed
 * runtime sends; the function's {@code /response} or {@code /error} completes the invocation.
 *
 * <p>Trap handled here (shared/reference/local-stand-ins.md §3): the {@code /next} response always carries a
 * {@code Content-Type}; without it the RIC's native client crashes.
 */
public final class LambdaRuntimeApi implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime";
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:evidence-sync-bridge";

    private final HttpServer server;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private volatile Duration timeout = Duration.ofSeconds(60);

    private LambdaRuntimeApi(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free loopback port. */
    public static LambdaRuntimeApi start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LambdaRuntimeApi api = new LambdaRuntimeApi(server);
        server.createContext(PREFIX, api::handle);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "lambda-runtime-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return api;
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}: host:port, no scheme. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The function timeout the deadline header announces (default 60 s). */
    public void functionTimeout(Duration value) {
        timeout = value;
    }

    /** Queues an event and waits for the function's answer. */
    public Invocation invoke(String eventJson, Duration wait) throws InterruptedException, TimeoutException {
        Pending pending = new Pending(UUID.randomUUID().toString(), eventJson);
        queue.add(pending);
        try {
            return pending.result.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("invocation failed inside the stand-in", e.getCause());
        }
    }

    /** Waits until the runtime first asks for work: the end of the function's init phase. Returns nanoTime then. */
    public long awaitFirstPoll(Duration wait) throws InterruptedException, TimeoutException {
        try {
            return firstPoll.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The init error the runtime reported, if any so far. */
    public String initError() {
        return initError.getNow(null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if ("GET".equals(method) && path.equals("/invocation/next")) {
                next(exchange);
            } else if ("POST".equals(method) && path.startsWith("/invocation/") && path.endsWith("/response")) {
                complete(exchange, path, false);
            } else if ("POST".equals(method) && path.startsWith("/invocation/") && path.endsWith("/error")) {
                complete(exchange, path, true);
            } else if ("POST".equals(method) && path.equals("/init/error")) {
                initError.complete(body(exchange));
                reply(exchange, 202, "{}");
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"unknown runtime API path " + path + "\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(System.nanoTime());
        Pending pending;
        try {
            pending = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        inFlight.put(pending.requestId, pending);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + timeout.toMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        byte[] body = pending.event.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void complete(HttpExchange exchange, String path, boolean error) throws IOException {
        String requestId = path.substring("/invocation/".length(), path.lastIndexOf('/'));
        String body = body(exchange);
        Pending pending = inFlight.remove(requestId);
        if (pending == null) {
            reply(exchange, 400, "{\"errorMessage\":\"unknown request id\"}");
            return;
        }
        pending.result.complete(new Invocation(requestId, !error, body,
                exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
        reply(exchange, 202, "{}");
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * What the function answered.
     *
     * @param requestId the invocation's request id
     * @param success   true for {@code /response}, false for {@code /error}
     * @param body      the response JSON, or the error document
     * @param errorType the {@code Lambda-Runtime-Function-Error-Type} header of an error, else null
     */
    public record Invocation(String requestId, boolean success, String body, String errorType) {
    }

    private static final class Pending {
        final String requestId;
        final String event;
        final CompletableFuture<Invocation> result = new CompletableFuture<>();

        Pending(String requestId, String event) {
            this.requestId = requestId;
            this.event = event;
        }
    }
}
