package io.evidencesync.core.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The bytes of a file from one offset to another, read at their positions: each range has its own channel. */
final class FileRange extends InputStream {
    private final FileChannel channel;
    private final long end;
    private long position;

    /** @param from the first byte; {@code to} the byte after the last */
    FileRange(Path file, long from, long to) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.position = from;
        this.end = to;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int read = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, end - position)), position);
        if (read > 0) {
            position += read;
        }
        return read; // -1 when the file has become shorter: its parse then fails, as a truncated file's does
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
