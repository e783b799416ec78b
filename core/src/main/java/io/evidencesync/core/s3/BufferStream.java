package io.evidencesync.core.s3;

import java.io.InputStream;
import java.nio.ByteBuffer;

/** The bytes of a buffer as a stream, from its position to its limit; the buffer itself is not moved. */
final class BufferStream extends InputStream {
    private final ByteBuffer bytes;

    BufferStream(ByteBuffer bytes) {
        this.bytes = bytes.duplicate();
    }

    @Override
    public int read() {
        return bytes.hasRemaining() ? bytes.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int n = Math.min(length, bytes.remaining());
        if (n == 0) {
            return -1;
        }
        bytes.get(into, offset, n);
        return n;
    }

    @Override
    public int available() {
        return bytes.remaining();
    }
}
