package io.evidencesync.sandbox.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A JDK {@link HttpServer} bound to {@code 127.0.0.1} that serves one handler on daemon threads, so slow or
 * blocked exchanges never hold up other requests or the JVM's exit.
 *
 * <p>The JDK server waits for delayed ACKs on small responses unless the JVM runs with
 * {@code -Dsun.net.httpserver.nodelay=true} (about 40 ms per call otherwise); set it in the test JVM.
 */
public final class LoopbackHttpServer implements AutoCloseable {
    private static final int BACKLOG = 64;

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts the server.
     *
     * @param name    thread name prefix, e.g. {@code "hyperproof-emulator"}
     * @param port    the port, or 0 for a free one
     * @param handler serves every path
     */
    public static LoopbackHttpServer start(String name, int port, HttpHandler handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), BACKLOG);
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads(name));
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        return new LoopbackHttpServer(server, executor);
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT} without a trailing slash. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
