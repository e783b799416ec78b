package io.evidencesync.bench.lambda;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a function JVM's unified GC log ({@code -Xlog:gc:file=...}) to find the heap still live after each
 * collection. Both functions run with the same small young generation, so collections happen throughout an
 * invocation, and the largest after-GC heap is the memory the invocation really held (a buffered 100 MiB object
 * shows; a streamed one does not).
 */
final class GcLog {
    private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Path file;

    GcLog(Path file) {
        this.file = file;
    }

    /** The current end of the log, to read only what one invocation adds. */
    long mark() throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** The largest after-GC heap, in MiB, in the log from {@code offset}; -1 when no collection happened. */
    long maxLiveAfter(long offset) throws IOException {
        long max = -1;
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            log.seek(offset);
            byte[] rest = new byte[(int) (log.length() - offset)];
            log.readFully(rest);
            Matcher pause = PAUSE.matcher(new String(rest, StandardCharsets.UTF_8));
            while (pause.find()) {
                max = Math.max(max, Long.parseLong(pause.group(2)));
            }
        }
        return max;
    }

    /** The after-GC heap of the last collection before {@code offset}: the baseline. */
    long lastLiveBefore(long offset) throws IOException {
        long last = -1;
        byte[] head = Files.readAllBytes(file);
        Matcher pause = PAUSE.matcher(new String(head, 0, (int) Math.min(offset, head.length), StandardCharsets.UTF_8));
        while (pause.find()) {
            last = Long.parseLong(pause.group(2));
        }
        return last;
    }
}
