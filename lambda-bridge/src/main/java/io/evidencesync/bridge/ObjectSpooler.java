package io.evidencesync.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.evidencesync.core.s3.S3Objects;
import io.evidencesync.core.s3.OpenedObject;
import io.evidencesync.core.s3.ObjectInfo;
import io.evidencesync.core.hyperproof.HyperproofClient;
import io.evidencesync.core.publish.BackgroundDigest;

/**
 * Streams one object version from S3 into a temporary file while computing its SHA-256, so memory does not grow
 * with the object's size. Objects of 100 MiB or more are refused from the response headers, before any byte is read.
 */
final class ObjectSpooler {
    private static final int BUFFER = 64 * 1024;
    private final S3Objects s3;
    private final Path directory;

    ObjectSpooler(S3Objects s3, Path directory) {
        this.s3 = s3;
        this.directory = directory;
    }

    /**
     * One GetObject whose response headers have arrived and whose body is not read yet, so the caller can still
     * decide not to read it (a duplicate delivery). Closing it aborts an unread body.
     */
    static final class Opened implements AutoCloseable {
        private final String bucket;
        private final String key;
        private final OpenedObject in;
        private boolean consumed;

        private Opened(String bucket, String key, OpenedObject in) {
            this.bucket = bucket;
            this.key = key;
            this.in = in;
        }

        /** The Content-Length S3 announced, or -1. */
        long contentLength() {
            return in.info().contentLength();
        }

        /** The response headers: user metadata, version, LastModified. */
        ObjectInfo info() {
            return in.info();
        }

        @Override
        public void close() {
            if (!consumed) {
                consumed = true;
                in.abort();
            }
        }
    }

    /** Reads one object version start to end into a temporary file. */
    SpooledObject spool(String bucket, String key, String versionId) {
        try (Opened opened = open(bucket, key, versionId)) {
            return spool(opened);
        }
    }

    /** Sends the GetObject and waits for its headers; refuses objects of 100 MiB or more before reading a byte. */
    Opened open(String bucket, String key, String versionId) {
        OpenedObject in = s3.getObject(bucket, key, versionId);
        long length = in.info().contentLength();
        if (length >= HyperproofClient.MAX_PROOF_BYTES) {
            in.abort();
            throw new PoisonException("object is " + length + " bytes; Hyperproof accepts proof files under "
                    + HyperproofClient.MAX_PROOF_BYTES + " bytes (100 MiB)");
        }
        return new Opened(bucket, key, in);
    }

    /** Reads the body of an opened object into a temporary file while hashing it. */
    SpooledObject spool(Opened opened) {
        String bucket = opened.bucket;
        String key = opened.key;
        OpenedObject in = opened.in;
        opened.consumed = true;
        ObjectInfo response = in.info();
        Path file = null;
        BackgroundDigest sha = null;
        try (InputStream body = in.body()) {
            file = Files.createTempFile(directory, "evidence-", ".spool");
            // hashed on a thread of its own, so that the caller parses the copy while the hash is computed
            sha = new BackgroundDigest(BUFFER);
            long size = 0;
            byte[] buffer = new byte[BUFFER];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    size += n;
                    if (size >= HyperproofClient.MAX_PROOF_BYTES) {
                        in.abort();
                        throw new PoisonException("object is 100 MiB or more; Hyperproof accepts proof files under"
                                + " 100 MiB");
                    }
                }
            }
            return new SpooledObject(file, size, sha, response.lastModified());
        } catch (IOException | RuntimeException e) {
            if (sha != null) {
                sha.abandon();
            }
            deleteQuietly(file);
            if (e instanceof PoisonException poison) {
                throw poison;
            }
            throw new io.evidencesync.core.EvidenceException("cannot read s3://" + bucket + "/" + key + " into "
                    + directory + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
