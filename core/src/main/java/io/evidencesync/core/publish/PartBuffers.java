package io.evidencesync.core.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The buffers that parts are read into, handed out again once their part is sent. A 200 MB file is 25 parts of
 * 8 MiB: a new buffer for each is 200 MB for the JVM to zero (and, on the heap, to collect), about 5% of a publish's
 * CPU. Only full-size buffers are kept (a file's last part is shorter), and no more than a few: as many as parts go
 * up at once. They are direct: the file is read straight into them, where a heap array costs the JDK a copy through
 * a temporary direct buffer of its own, which it also has to zero first.
 */
final class PartBuffers {
    private final int partSize;
    private final int keep;
    private final Deque<ByteBuffer> free = new ArrayDeque<>();

    PartBuffers(int partSize, int keep) {
        this.partSize = partSize;
        this.keep = keep;
    }

    /**
     * Lends a buffer of exactly {@code length} bytes (position 0, limit {@code length}) to {@code use}, and takes it
     * back once {@code use} has returned or thrown: no other part gets it meanwhile. It holds whatever its last part
     * held; {@code use} fills all of it.
     */
    <T> T lend(int length, Use<T> use) throws IOException {
        ByteBuffer buffer = take(length);
        try {
            return use.apply(buffer.clear());
        } finally {
            give(buffer);
        }
    }

    private synchronized ByteBuffer take(int length) {
        ByteBuffer kept = length == partSize ? free.poll() : null;
        return kept != null ? kept : ByteBuffer.allocateDirect(length);
    }

    private synchronized void give(ByteBuffer buffer) {
        if (buffer.capacity() == partSize && free.size() < keep) {
            free.push(buffer);
        }
    }

    /** What a part does with its buffer: read the file into it, and send it. */
    @FunctionalInterface
    interface Use<T> {
        T apply(ByteBuffer buffer) throws IOException;
    }
}
