package io.evidencesync.sandbox.http;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Receives one file part's bytes: writes them to a temporary file while hashing them, and once the part reaches
 * the size limit deletes the file and only counts the rest.
 */
final class FilePartSink extends OutputStream {
    private final Path file;
    private final long maxBytes;
    private final MessageDigest digest;
    private OutputStream out;
    private long count;

    FilePartSink(Path directory, long maxBytes) throws IOException {
        this.file = Files.createTempFile(directory, "part-", ".bin");
        this.maxBytes = maxBytes;
        this.digest = sha256();
        this.out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024), digest);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        count += length;
        if (out == null) {
            return;
        }
        if (count >= maxBytes) {
            discard();
            return;
        }
        out.write(bytes, offset, length);
    }

    /** Finishes the part; the caller owns the returned file part's temporary file. */
    FilePart finish(String name, String filename, String contentType) throws IOException {
        if (out == null) {
            return new FilePart(name, filename, contentType, count, null, null);
        }
        out.close();
        out = null;
        return new FilePart(name, filename, contentType, count, HexFormat.of().formatHex(digest.digest()), file);
    }

    /** Deletes the temporary file after a failure. */
    void abandon() throws IOException {
        discard();
    }

    private void discard() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        Files.deleteIfExists(file);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
