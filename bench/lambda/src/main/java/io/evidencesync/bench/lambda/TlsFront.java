package io.evidencesync.bench.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

import javax.net.ssl.SSLContext;

/**
 * TLS in front of a plain-HTTP stand-in on loopback, so that a function reaches S3, SSM and Hyperproof over HTTPS as
 * it does in production: a TLS handshake per connection, the JVM's default TLS context and trust store set up at the
 * first request. Each accepted connection is relayed byte for byte to the stand-in (Host headers and signatures
 * pass unchanged) on two daemon threads.
 */
final class TlsFront implements AutoCloseable {
    private final ServerSocket server;
    private final URI backend;
    private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();

    private TlsFront(ServerSocket server, URI backend) {
        this.server = server;
        this.backend = backend;
    }

    static TlsFront start(SSLContext tls, URI backend) throws IOException {
        ServerSocket server = tls.getServerSocketFactory().createServerSocket(0, 64, InetAddress.getByName("127.0.0.1"));
        TlsFront front = new TlsFront(server, backend);
        daemon("tls-front-accept", front::acceptLoop);
        return front;
    }

    /** {@code https://127.0.0.1:PORT}, plus the backend's path (none for the stand-ins here). */
    URI uri() {
        return URI.create("https://127.0.0.1:" + server.getLocalPort() + (backend.getRawPath() == null ? "" : backend.getRawPath()));
    }

    /** Connections accepted so far: a TLS handshake each. */
    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                Socket plain = new Socket();
                plain.connect(new InetSocketAddress(backend.getHost(), backend.getPort()));
                client.setTcpNoDelay(true);
                plain.setTcpNoDelay(true);
                daemon("tls-front-in", () -> relay(client, plain));
                daemon("tls-front-out", () -> relay(plain, client));
            } catch (IOException e) {
                // closed, or one connection failed: the client sees it fail
            }
        }
    }

    private static void relay(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
