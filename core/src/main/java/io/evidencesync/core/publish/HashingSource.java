package io.evidencesync.core.publish;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

import io.evidencesync.core.evidence.InputSource;

/**
 * A file source that hashes what its readers read: when one reader consumes the whole file (validation normally
 * does), the SHA-256 comes for free from that pass instead of a second read of the file. Files of
 * {@link #BACKGROUND_THRESHOLD} bytes or more are hashed on a second thread while the reader parses them, unless
 * SHA-256 is native (see {@link #hashesInBackground}).
 */
final class HashingSource implements InputSource {
    static final long BACKGROUND_THRESHOLD = 8L * 1024 * 1024;
    /** The JDK's own SHA-256, written in Java: about 70 MB/s in a short-lived JVM under C1. */
    static final String JDK_PROVIDER = "SUN";
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final long size;
    private final boolean background;
    private volatile byte[] digest;

    /** Hashes on a second thread when {@link #hashesInBackground} says so for this size and the SHA-256 in use. */
    HashingSource(Path file, long size) {
        this(file, size, hashesInBackground(size, Digests.sha256().getProvider().getName()));
    }

    HashingSource(Path file, long size, boolean background) {
        this.file = file;
        this.size = size;
        this.background = background;
    }

    /**
     * A second thread pays off only for a large file hashed by the JDK's Java SHA-256. A native one (the CLI
     * installs AWS-LC for large evidence) hashes 200 MB in about a tenth of a second, and handing every 64 KB to
     * another thread cost the parsing thread more than that: measured on a 200 MB file, hashing inline saved
     * about 0.4 s of CPU and of wall time.
     */
    static boolean hashesInBackground(long size, String sha256Provider) {
        return size >= BACKGROUND_THRESHOLD && JDK_PROVIDER.equals(sha256Provider);
    }

    @Override
    public InputStream open() throws IOException {
        Sink sink = background ? new BackgroundDigest(CHUNK) : new Inline(Digests.sha256());
        return new FilterInputStream(Files.newInputStream(file)) {
            private long read;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    sink.update(buffer, offset, n);
                    read += n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                byte[] discard = new byte[(int) Math.min(n, 8192)];
                int got = read(discard, 0, discard.length);
                return Math.max(got, 0);
            }

            @Override
            public boolean markSupported() {
                return false;
            }

            @Override
            public void close() throws IOException {
                try {
                    if (read == size && digest == null) {
                        digest = sink.finish();
                    } else {
                        sink.abandon();
                    }
                } finally {
                    super.close();
                }
            }
        };
    }

    /** The file's SHA-256: from a reader that read it whole, else from a read of its own. */
    byte[] sha256() throws IOException {
        byte[] known = digest;
        return known != null ? known : Digests.sha256(InputSource.of(file));
    }

    /** Where the bytes read go to be hashed. */
    interface Sink {
        void update(byte[] bytes, int offset, int length) throws IOException;

        byte[] finish() throws IOException;

        void abandon();
    }

    private record Inline(MessageDigest sha) implements Sink {
        @Override
        public void update(byte[] bytes, int offset, int length) {
            sha.update(bytes, offset, length);
        }

        @Override
        public byte[] finish() {
            return sha.digest();
        }

        @Override
        public void abandon() {
            // nothing runs in the background
        }
    }
}
