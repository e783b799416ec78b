package io.evidencesync.core.publish;

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

    /** An array of exactly {@code length} bytes, holding whatever its last part held: the caller fills all of it. */
    synchronized byte[] take(int length) {
        byte[] kept = length == partSize ? free.poll() : null;
        return kept != null ? kept : new byte[length];
    }

    /** Takes back an array whose part has been sent (or has failed): nothing reads it any more. */
    synchronized void give(byte[] buffer) {
        if (buffer.length == partSize && free.size() < keep) {
            free.push(buffer);
        }
    }
}
