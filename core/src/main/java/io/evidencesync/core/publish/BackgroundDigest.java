package io.evidencesync.core.publish;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A SHA-256 computed on a thread of its own from chunks handed over in order, so that hashing runs beside parsing
 * instead of after (the publisher's large files; every object the bridge reads). A few recycled buffers bound the
 * memory; a reader that gets ahead waits.
 */
public final class BackgroundDigest implements HashingSource.Sink {
    private static final int BUFFERS = 8;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final Thread worker;
    private volatile byte[] digest;
    private volatile RuntimeException failure;
    private byte[] finished;

    private record Chunk(byte[] bytes, int length) {
    }

    public BackgroundDigest(int bufferSize) {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[bufferSize]);
        }
        worker = new Thread(this::run, "evidence-sha256");
        worker.setDaemon(true);
        worker.start();
    }

    /** Hands over a copy of {@code bytes[offset, offset + length)}; blocks while every buffer is in use. */
    @Override
    public void update(byte[] bytes, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            byte[] buffer = take(free);
            int n = Math.min(buffer.length, length - done);
            System.arraycopy(bytes, offset + done, buffer, 0, n);
            put(new Chunk(buffer, n));
            done += n;
        }
    }

    /** Ends the input and waits for the digest; later calls return the same digest. */
    @Override
    public synchronized byte[] finish() throws IOException {
        if (finished != null) {
            return finished.clone();
        }
        put(new Chunk(END, 0));
        join();
        if (failure != null) {
            throw failure;
        }
        finished = digest;
        return digest.clone();
    }

    /** Ends the input without a digest (the reader stopped early) and waits for the thread to stop; no-op once finished. */
    @Override
    public void abandon() {
        worker.interrupt();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        MessageDigest sha = Digests.sha256();
        try {
            while (true) {
                Chunk chunk = full.take();
                if (chunk.bytes() == END) {
                    digest = sha.digest();
                    return;
                }
                sha.update(chunk.bytes(), 0, chunk.length());
                free.put(chunk.bytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // abandoned
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private static <T> T take(BlockingQueue<T> queue) throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
    }

    private void put(Chunk chunk) throws IOException {
        try {
            full.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
    }

    private void join() throws IOException {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
    }
}
