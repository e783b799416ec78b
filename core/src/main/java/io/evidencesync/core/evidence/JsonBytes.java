package io.evidencesync.core.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A window on a stream's bytes, and the checks of strict JSON over it (RFC 8259, as Jackson reads it by default: no
 * comments, trailing commas, leading zeros, NaN or control characters in strings) with strict UTF-8 (RFC 3629), and
 * limits well below the parser's on nesting and on the length of numbers, names and strings. Each check takes the
 * offset where a value starts and gives the offset past it, {@link #NEED_MORE} when the window ends inside it (read
 * more with {@link #readMore} and check again from a point that is kept), or {@link #REFUSED}.
 *
 * <p>The object and array loops here and in {@link FindingSkimmer} share their shape on purpose: one loop calling
 * back per member (a lambda per object) made a dry run of a 200 MB array 10-15% slower under C1 (alternated runs).
 */
abstract class JsonBytes {
    static final int NEED_MORE = -1;
    static final int REFUSED = -2;
    static final int MAX_DEPTH = 64;
    static final int LONGEST_NUMBER = 100;
    static final int LONGEST_NAME = 1_000;
    static final int LONGEST_STRING = 1_000_000;
    /** The most the window keeps of one unit read again after more is read; a larger one is refused. */
    static final int LARGEST_UNIT = 64 * 1024 * 1024;
    /** A small file needs no more; a larger one is read in chunks of {@link #BUFFER}. */
    private static final int FIRST_BUFFER = 8 * 1024;
    private static final int BUFFER = 64 * 1024;
    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");
    private static final byte[] NULL = bytes("null");
    /** Whether a string may hold the byte as it is ({@link #plainRun}). */
    private static final boolean[] PLAIN = plain();

    private final InputStream in;
    /** {@code buf[limit]} is always 0, which JSON allows nowhere: every check stops there without a bounds check. */
    byte[] buf = new byte[FIRST_BUFFER + 1];
    int limit;
    boolean eof;
    /** Whether the string just checked has escapes. */
    boolean escaped;
    /** The offset of the closing quote of the name just checked. */
    int nameEnd;

    JsonBytes(InputStream in) {
        this.in = in;
    }

    /** Keeps the bytes from {@code keep} on (moved to the buffer's start) and reads more; the new offset, or -1. */
    final int readMore(int keep) throws IOException {
        if (eof) {
            return -1;
        }
        System.arraycopy(buf, keep, buf, 0, limit - keep);
        limit -= keep;
        if (limit == buf.length - 1 || buf.length - 1 < BUFFER) {
            if (buf.length - 1 >= LARGEST_UNIT) {
                return -1;
            }
            buf = Arrays.copyOf(buf, (buf.length - 1) * 2 + 1);
        }
        int n = in.read(buf, limit, buf.length - 1 - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
        buf[limit] = 0;
        return 0;
    }

    /** A member's name and its colon; the offset just past the colon. Sets {@link #nameEnd}. */
    final int name(int p) {
        if (buf[p] != '"') {
            return fail(p);
        }
        int end = string(p + 1);
        if (end < 0) {
            return end;
        }
        if (end - p > LONGEST_NAME) {
            return REFUSED;
        }
        nameEnd = end - 1;
        end = ws(end);
        return buf[end] == ':' ? end + 1 : fail(end);
    }

    final int value(int p, int depth) {
        byte c = buf[p];
        if (c == '"') {
            return stringValue(p);
        }
        if (c == '{') {
            return object(p + 1, depth + 1);
        }
        if (c == '[') {
            return array(p + 1, depth + 1);
        }
        if (startsNumber(c)) {
            return number(p);
        }
        if (c == 't') {
            return literal(p, TRUE);
        }
        if (c == 'f') {
            return literal(p, FALSE);
        }
        return c == 'n' ? literal(p, NULL) : fail(p);
    }

    final int object(int p, int depth) {
        if (depth > MAX_DEPTH) {
            return REFUSED;
        }
        p = ws(p);
        if (buf[p] == '}') {
            return p + 1;
        }
        while (true) {
            p = name(p);
            if (p < 0) {
                return p;
            }
            p = value(ws(p), depth);
            if (p < 0) {
                return p;
            }
            p = ws(p);
            if (buf[p] == ',') {
                p = ws(p + 1);
            } else {
                return buf[p] == '}' ? p + 1 : fail(p);
            }
        }
    }

    final int array(int p, int depth) {
        if (depth > MAX_DEPTH) {
            return REFUSED;
        }
        p = ws(p);
        if (buf[p] == ']') {
            return p + 1;
        }
        while (true) {
            p = value(p, depth);
            if (p < 0) {
                return p;
            }
            p = ws(p);
            if (buf[p] == ',') {
                p = ws(p + 1);
            } else {
                return buf[p] == ']' ? p + 1 : fail(p);
            }
        }
    }

    /** A string value, from its opening quote; the offset past its closing quote. Sets {@link #escaped}. */
    final int stringValue(int p) {
        int end = string(p + 1);
        return end >= 0 && end - p > LONGEST_STRING ? REFUSED : end;
    }

    /**
     * Past the bytes from {@code p} that a string may hold as they are: printable ASCII but quote and backslash. A
     * table and four bytes a step: under C1, which neither unrolls loops nor removes their bounds checks, the
     * skimmer spends 13-17% less CPU on an array of findings than comparing each byte in turn
     * (bench/results/publish-2026-11-28.md). The window's sentinel 0 is not plain: each step stops at the first byte
     * that is not, so none reads past it.
     */
    static int plainRun(byte[] b, int p) {
        boolean[] plain = PLAIN;
        while (plain[b[p] & 0xff] && plain[b[p + 1] & 0xff] && plain[b[p + 2] & 0xff] && plain[b[p + 3] & 0xff]) {
            p += 4;
        }
        while (plain[b[p] & 0xff]) {
            p++;
        }
        return p;
    }

    /**
     * A string's contents, from past its opening quote; the offset past its closing quote. Sets {@link #escaped}.
     * Small enough for C1 to inline: the usual string, plain bytes up to its quote, costs its callers no call here.
     */
    final int string(int p) {
        byte[] b = buf;
        escaped = false;
        p = plainRun(b, p);
        return b[p] == '"' ? p + 1 : special(p);
    }

    /** The rest of a string from a byte that is neither plain nor its closing quote: escapes, UTF-8 or an error. */
    private int special(int p) {
        byte[] b = buf;
        while (true) {
            p = plainRun(b, p);
            byte c = b[p];
            if (c == '"') {
                return p + 1;
            } else if (c == '\\') {
                escaped = true;
                p = escape(p + 1);
                if (p < 0) {
                    return p;
                }
            } else if (c < 0) {
                p = utf8(p);
                if (p < 0) {
                    return p;
                }
            } else {
                return fail(p); // a control character, or the end of the buffer
            }
        }
    }

    private static boolean[] plain() {
        boolean[] plain = new boolean[256];
        for (int c = 0x20; c < 0x80; c++) {
            plain[c] = c != '"' && c != '\\';
        }
        return plain;
    }

    /** From past a backslash: one of {@code " \ / b f n r t}, or {@code u} and four hex digits. */
    final int escape(int p) {
        byte c = buf[p];
        if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') {
            return p + 1;
        }
        if (c != 'u') {
            return fail(p);
        }
        for (int i = p + 1; i <= p + 4; i++) {
            byte h = buf[i];
            if (!(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F')) {
                return fail(i);
            }
        }
        return p + 5;
    }

    /** One UTF-8 sequence of two to four bytes (RFC 3629: no overlong forms, surrogates or code points past U+10FFFF). */
    final int utf8(int p) {
        int lead = buf[p] & 0xff;
        int count;
        int low = 0x80;
        int high = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            count = 1;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            count = 2;
            low = lead == 0xe0 ? 0xa0 : 0x80;
            high = lead == 0xed ? 0x9f : 0xbf;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            count = 3;
            low = lead == 0xf0 ? 0x90 : 0x80;
            high = lead == 0xf4 ? 0x8f : 0xbf;
        } else {
            return fail(p);
        }
        for (int i = 1; i <= count; i++) {
            int next = buf[p + i] & 0xff;
            if (next < low || next > high) {
                return fail(p + i);
            }
            low = 0x80;
            high = 0xbf;
        }
        return p + count + 1;
    }

    final int number(int p) {
        int start = p;
        if (buf[p] == '-') {
            p++;
        }
        if (buf[p] == '0') {
            p++;
        } else if (isDigit(buf[p])) {
            p = digits(p);
        } else {
            return fail(p);
        }
        if (buf[p] == '.') {
            if (!isDigit(buf[p + 1])) {
                return fail(p + 1);
            }
            p = digits(p + 1);
        }
        if (buf[p] == 'e' || buf[p] == 'E') {
            p++;
            if (buf[p] == '+' || buf[p] == '-') {
                p++;
            }
            if (!isDigit(buf[p])) {
                return fail(p);
            }
            p = digits(p);
        }
        return p - start > LONGEST_NUMBER ? REFUSED : p;
    }

    final int digits(int p) {
        while (isDigit(buf[p])) {
            p++;
        }
        return p;
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    static boolean startsNumber(byte c) {
        return c == '-' || isDigit(c);
    }

    final int literal(int p, byte[] word) {
        for (int i = 0; i < word.length; i++) {
            if (buf[p + i] != word[i]) {
                return fail(p + i);
            }
        }
        return p + word.length;
    }

    /** Past any white space from {@code p}: inlined where there is none, which is the usual case. */
    final int ws(int p) {
        return buf[p] > ' ' ? p : skipWhiteSpace(p);
    }

    private int skipWhiteSpace(int p) {
        byte[] b = buf;
        while (true) {
            byte c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return p;
            }
            p++;
        }
    }

    /** A byte that does not fit: the end of what has been read so far, or a refusal. */
    final int fail(int at) {
        return at >= limit ? NEED_MORE : REFUSED;
    }

    /** Whether {@code buf[from, to)} holds exactly {@code word}. */
    final boolean is(int from, int to, byte[] word) {
        return to - from == word.length && is(from, word);
    }

    final boolean is(int from, byte[] word) {
        for (int i = 0; i < word.length; i++) {
            if (buf[from + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
