package io.evidencesync.core.evidence;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;

/**
 * A view of one line at a time of an underlying reader, without reading the whole line into memory: reads end at
 * the next line feed, which lets a fresh JSON parser read each line of a JSON Lines file as its own document.
 */
final class LineReader extends Reader {
    static final int PUSHBACK = 8192;

    private final PushbackReader in;
    private boolean lineEnded;
    private boolean started;
    private boolean eof;

    LineReader(PushbackReader in) {
        this.in = in;
    }

    /** Moves to the next line; false at the end of input. */
    boolean nextLine() throws IOException {
        if (started && !lineEnded) {
            skipRestOfLine();
        }
        started = true;
        lineEnded = false;
        if (eof) {
            return false;
        }
        int c = in.read();
        if (c == -1) {
            eof = true;
            return false;
        }
        in.unread(c);
        return true;
    }

    /** True when the rest of the current line is white space; consumes nothing significant. */
    boolean isBlank() throws IOException {
        int c = read();
        while (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF') {
            c = read();
        }
        if (c == -1) {
            return true;
        }
        in.unread(c);
        return false;
    }

    void skipRestOfLine() throws IOException {
        char[] buffer = new char[PUSHBACK];
        while (read(buffer, 0, buffer.length) != -1) {
            // discard
        }
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (lineEnded || length == 0) {
            return lineEnded ? -1 : 0;
        }
        int n = in.read(buffer, offset, Math.min(length, PUSHBACK));
        if (n == -1) {
            lineEnded = true;
            eof = true;
            return -1;
        }
        for (int i = 0; i < n; i++) {
            if (buffer[offset + i] == '\n') {
                int after = n - i - 1;
                if (after > 0) {
                    in.unread(buffer, offset + i + 1, after);
                }
                lineEnded = true;
                return i == 0 ? -1 : i;
            }
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) == -1 ? -1 : one[0];
    }

    @Override
    public void close() {
        // the underlying reader belongs to the caller
    }
}
