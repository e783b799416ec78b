package io.evidencesync.core.publish;

import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.evidencesync.core.s3.S3Objects;

/**
 * The uploader of large files sent while they are read. It, and the client it needs, are made when the first large
 * file has been hashed, on the thread that starts its upload: reading never waits for an adapter to build its
 * client. When the client cannot be had, files are read without, and the publisher asks for it again after them,
 * so that refusals are reported first.
 */
final class EarlyUploads {
    private final Supplier<S3Objects> s3;
    private final PublisherOptions options;
    private final ExecutorService partPool;
    private final Consumer<String> warnings;
    /** Guarded by this. */
    private ObjectUploader uploader;
    private boolean closed;

    /**
     * @param partPool runs part uploads
     * @param warnings told of a multipart upload that could not be aborted
     */
    EarlyUploads(Supplier<S3Objects> s3, PublisherOptions options, ExecutorService partPool, Consumer<String> warnings) {
        this.s3 = s3;
        this.options = options;
        this.partPool = partPool;
        this.warnings = warnings;
    }

    boolean goesInParts(long size) {
        return options.goesInParts(size);
    }

    /** The uploader, made on first call; null when the client cannot be had, or once {@link #close} was called. */
    ObjectUploader uploader() {
        synchronized (this) {
            if (closed) {
                return null;
            }
            if (uploader != null) {
                return uploader;
            }
        }
        S3Objects client;
        try {
            client = s3.get(); // outside the lock: close() never waits for a client being built
        } catch (RuntimeException e) {
            return null;
        }
        synchronized (this) {
            if (uploader == null && !closed) {
                uploader = new ObjectUploader(client, options, partPool, warnings);
            }
            return closed ? null : uploader;
        }
    }

    /** The uploader if one was made, for the files not sent early and the manifest; null otherwise. */
    synchronized ObjectUploader made() {
        return uploader;
    }

    /** Discards every upload still open and makes no uploader after this: a refusal, a failure or an interrupt. */
    void close(String bucket) {
        ObjectUploader made;
        synchronized (this) {
            closed = true;
            made = uploader;
        }
        if (made != null) {
            made.discardOpen(bucket);
        }
    }
}
