package io.evidencesync.sandbox.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Buffered reader over a multipart body that copies bytes up to a delimiter and reads CRLF-terminated header
 * lines, holding at most one buffer of the body in memory.
 */
final class BoundaryScanner {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;

    /**
     * @param in     read, never closed: the caller owns it
     * @param prefix bytes treated as if they came before {@code in}
     */
    BoundaryScanner(InputStream in, byte[] prefix) {
        this.in = in;
        System.arraycopy(prefix, 0, buffer, 0, prefix.length);
        this.limit = prefix.length;
    }

    /**
     * Copies the bytes before the next {@code delimiter} to {@code sink} and consumes the delimiter.
     *
     * @return false when the input ended before the delimiter
     */
    boolean copyUntil(byte[] delimiter, OutputStream sink) throws IOException {
        while (true) {
            int found = indexOf(delimiter);
            if (found >= 0) {
                sink.write(buffer, position, found - position);
                position = found + delimiter.length;
                return true;
            }
            // keep a possible partial delimiter at the end of the buffer for the next round
            int safe = Math.max(position, limit - (delimiter.length - 1));
            sink.write(buffer, position, safe - position);
            position = safe;
            if (!fill()) {
                return false;
            }
        }
    }

    /**
     * Reads one line ending in CRLF, without the CRLF, decoded as UTF-8 (RFC 7578 section 5.1 allows UTF-8 in
     * part headers).
     *
     * @throws MalformedMultipartException if the line is longer than {@code maxLength} or the input ends first
     */
    String readLine(int maxLength) throws IOException, MalformedMultipartException {
        int scanned = 0; // bytes after position already known not to start a CRLF
        while (true) {
            for (int i = position + scanned; i + 1 < limit; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    String line = new String(buffer, position, i - position, StandardCharsets.UTF_8);
                    position = i + 2;
                    return line;
                }
            }
            if (limit - position > maxLength) {
                throw new MalformedMultipartException("part header line longer than " + maxLength + " bytes");
            }
            scanned = Math.max(0, limit - position - 1);
            if (!fill()) {
                throw new MalformedMultipartException("body ended inside the part headers");
            }
        }
    }

    /** Reads exactly two bytes as ASCII, or fewer at the end of the input. */
    String readTwoBytes() throws IOException {
        while (limit - position < 2 && fill()) {
            // keep reading
        }
        int available = Math.min(2, limit - position);
        String result = new String(buffer, position, available, StandardCharsets.US_ASCII);
        position += available;
        return result;
    }

    /** Discards the rest of the input (the epilogue after the close delimiter). */
    void drain() throws IOException {
        position = limit;
        in.transferTo(OutputStream.nullOutputStream());
    }

    private int indexOf(byte[] pattern) {
        int last = limit - pattern.length;
        byte first = pattern[0];
        outer:
        for (int i = position; i <= last; i++) {
            if (buffer[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (buffer[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Moves the unread bytes to the front and reads more; false at the end of the input. */
    private boolean fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            throw new IOException("multipart buffer full");
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            return false;
        }
        limit += read;
        return true;
    }
}
