package io.evidencesync.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP relay in front of the S3 sandbox that caps the bytes sent towards it at a rate shared by all connections,
 * like a runner's uplink to S3: {@code LinkLimiter <listen port> <target port> <MB/s>} prints {@code READY} and relays
 * until killed. Bytes back from the sandbox are not limited. TLS passes through untouched.
 */
public final class LinkLimiter {
    private static final int CHUNK = 64 * 1024;
    /** Time the link may catch up after an idle moment, so that a sleep's overshoot costs no bandwidth. */
    private static final long BURST_NANOS = 5_000_000;

    private final long bytesPerSecond;
    private long nextFreeNanos;

    private LinkLimiter(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: LinkLimiter <listen port> <target port> <MB/s>");
            System.exit(2);
        }
        int targetPort = Integer.parseInt(args[1]);
        LinkLimiter link = new LinkLimiter((long) (Double.parseDouble(args[2]) * 1_000_000));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 256, loopback)) {
            System.out.println("READY");
            System.out.flush();
            while (true) {
                Socket client = server.accept();
                Socket target = new Socket(loopback, targetPort);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                relay(client, target, link);
                relay(target, client, null);
            }
        }
    }

    private static void relay(Socket from, Socket to, LinkLimiter limit) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[CHUNK];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (limit != null) {
                        limit.take(n);
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the other side closed: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the link has room for {@code bytes} more: one queue for every connection. */
    private void take(int bytes) {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now - BURST_NANOS, nextFreeNanos);
            nextFreeNanos = start + bytes * 1_000_000_000L / bytesPerSecond;
            wait = nextFreeNanos - now;
        }
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
