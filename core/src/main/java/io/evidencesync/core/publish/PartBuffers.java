package io.evidencesync.core.publish;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The arrays that parts are read into, handed out again once their part is sent. A 200 MB file is 25 parts of
 * 8 MiB: a new array for each is 200 MB for the JVM to zero and to collect, about 5% of a publish's CPU. Only
 * full-size arrays are kept (a file's last part is shorter), and no more than a few: as many as parts go up at once.
 */
final class PartBuffers {
    private final int partSize;
    private final int keep;
    private final Deque<byte[]> free = new ArrayDeque<>();

    PartBuffers(int partSize, int keep) {
        this.partSize = partSize;
        this.keep = keep;
    }

    /**
     * Lends an array of exactly {@code length} bytes to {@code use}, and takes it back once {@code use} has returned
     * or thrown: no other part gets it meanwhile. It holds whatever its last part held; {@code use} fills all of it.
     */
    <T> T lend(int length, Use<T> use) throws IOException {
        byte[] buffer = take(length);
        try {
            return use.apply(buffer);
        } finally {
            give(buffer);
        }
    }

    private synchronized byte[] take(int length) {
        byte[] kept = length == partSize ? free.poll() : null;
        return kept != null ? kept : new byte[length];
    }

    private synchronized void give(byte[] buffer) {
        if (buffer.length == partSize && free.size() < keep) {
            free.push(buffer);
        }
    }

    /** What a part does with its array: read the file into it, and send it. */
    @FunctionalInterface
    interface Use<T> {
        T apply(byte[] buffer) throws IOException;
    }
}
