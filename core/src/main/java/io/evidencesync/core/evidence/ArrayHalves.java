package io.evidencesync.core.evidence;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

import io.evidencesync.core.Futures;

/**
 * Reads a large JSON array of OCSF findings in two halves at once. The file is cut at a comma near its middle that
 * looks like one between two findings ({@code },{}), and each half is read by {@link FindingSkimmer} as an array of
 * its own: the first half with a {@code ]} added, the second with a {@code [} before it. That cut is sound whatever the comma turns out to
 * be: the first half, closed by {@code ]}, is a valid array only if the comma is outside every string and nested
 * value, that is, between two elements of the top-level array; the file is then valid exactly when the second half
 * is. The {@code {} after the comma matters as much: were a {@code ]} next, the second half would be an empty
 * array where the file has a trailing comma. Anything else (no such comma, a half the skimmer cannot vouch for, a
 * half that is not all OCSF findings, a second document after the array) gives no answer, and the caller reads the file from
 * its start as always, for the same result and the same messages.
 */
final class ArrayHalves {
    /** How far past the middle a cut is looked for. */
    static final int WINDOW = 1024 * 1024;

    private ArrayHalves() {
    }

    /**
     * The summary of an uncompressed file that is one JSON array of OCSF findings, read in two halves at once, the
     * second on {@code beside} (or on this thread, when {@code beside} has not started it by the time the first half
     * is read); null when the file cannot be read that way.
     */
    static SummaryCollector read(Path file, long size, Executor beside) throws IOException {
        if (!startsWithArray(file)) {
            return null;
        }
        long cut = cut(file, size);
        if (cut < 0) {
            return null;
        }
        FutureTask<SummaryCollector> second = new FutureTask<>(() -> half(new SequenceInputStream(
                new ByteArrayInputStream(new byte[] {'['}), new FileRange(file, cut + 1, size))));
        try {
            beside.execute(second);
        } catch (RejectedExecutionException e) {
            // read below, on this thread
        }
        try {
            SummaryCollector first = half(new SequenceInputStream(new FileRange(file, 0, cut),
                    new ByteArrayInputStream(new byte[] {']'})));
            if (first == null) {
                return null;
            }
            second.run(); // reads the second half here unless it has been started; returns at once if it has
            SummaryCollector rest = Futures.get(second);
            if (rest == null) {
                return null;
            }
            first.add(rest);
            return first;
        } finally {
            second.cancel(true); // the first half was refused, or this thread was interrupted
        }
    }

    /** One half: a single array, all of whose elements are OCSF findings, and nothing after it; else null. */
    private static SummaryCollector half(InputStream bytes) throws IOException {
        try (bytes) {
            return FindingSkimmer.read(bytes);
        }
    }

    /** A UTF-8 file (no gzip, no UTF-16 or UTF-32) whose first significant byte opens an array. */
    private static boolean startsWithArray(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(new FileRange(file, 0, WINDOW), 4096)) {
            return !EvidenceReader.isGzip(in) && EvidenceReader.firstSignificantByte(in) == '['
                    && !EvidenceReader.secondByteIsZero(in);
        }
    }

    /**
     * The offset of the first comma at or after the middle whose neighbours, past white space, are {@code }} and
     * {@code {}, within {@link #WINDOW} bytes; -1 when there is none.
     */
    static long cut(Path file, long size) throws IOException {
        long from = size / 2;
        byte[] window;
        try (InputStream in = new FileRange(file, from, Math.min(size, from + WINDOW))) {
            window = in.readAllBytes();
        }
        for (int i = 0; i < window.length; i++) {
            if (window[i] == ',' && neighbour(window, i, -1) == '}' && neighbour(window, i, 1) == '{') {
                return from + i;
            }
        }
        return -1;
    }

    private static int neighbour(byte[] bytes, int at, int step) {
        for (int i = at + step; i >= 0 && i < bytes.length; i += step) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return -1;
    }
}
