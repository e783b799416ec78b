package io.evidencesync.core.publish;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.evidencesync.core.s3.S3Objects;

/**
 * A large file's multipart upload, started while the file is still being validated, so that its parts go up while
 * it is parsed. An incomplete multipart upload is no object: S3 lists no key for it and sends no event. It becomes
 * one only when {@link ObjectUploader#upload} completes it, once every file of the publish has been accepted and
 * only when the parse gave the metadata it was started with; otherwise it is {@linkplain #discard discarded}.
 */
final class EarlyUpload {
    private final String uploadId;
    private final Map<String, String> metadata;
    private final List<Future<S3Objects.Part>> parts;
    private final AtomicBoolean discarded;

    /** @param discarded shared with the part tasks, which skip their part once it is set */
    EarlyUpload(String uploadId, Map<String, String> metadata, List<Future<S3Objects.Part>> parts,
                AtomicBoolean discarded) {
        this.uploadId = uploadId;
        this.metadata = Map.copyOf(metadata);
        this.parts = List.copyOf(parts);
        this.discarded = discarded;
    }

    String uploadId() {
        return uploadId;
    }

    /** The metadata the upload was started with: its object gets these, whatever the parse found. */
    Map<String, String> metadata() {
        return metadata;
    }

    List<Future<S3Objects.Part>> parts() {
        return parts;
    }

    /**
     * Stops parts not yet started and waits for those in flight, so that an abort that follows leaves no part
     * behind (S3 may keep a part whose upload was still running when the upload was aborted).
     */
    void stopParts() {
        discarded.set(true);
        boolean interrupted = false;
        for (Future<S3Objects.Part> part : parts) {
            while (true) {
                try {
                    part.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
