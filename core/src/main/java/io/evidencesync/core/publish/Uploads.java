package io.evidencesync.core.publish;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import io.evidencesync.core.s3.S3Objects;

/**
 * The uploads of one publish: multipart uploads started while files are still read ({@link #startIfMultipart}),
 * then every file finished ({@link #finish}): a staged upload completed, a small file PUT. The S3 client is asked
 * for on first use, so that it can be built while the first files are read.
 */
final class Uploads {
    private final Supplier<S3Objects> s3;
    private final PublisherOptions options;
    private final ExecutorService partPool;
    private final PublishRequest request;
    private final Map<String, ObjectUploader.Staged> staged = new ConcurrentHashMap<>();
    private ObjectUploader uploader;

    Uploads(Supplier<S3Objects> s3, PublisherOptions options, ExecutorService partPool, PublishRequest request) {
        this.s3 = s3;
        this.options = options;
        this.partPool = partPool;
        this.request = request;
    }

    /** Starts the file's multipart upload if it is large enough for one; a small file waits for {@link #finish}. */
    void startIfMultipart(PreparedFile file) {
        // checked before asking for the client: a small file must not wait for it while others are read
        if (file.file().size() >= options.multipartThreshold()) {
            staged.put(file.key(), uploader().start(request.bucket(), file, request.encryption()));
        }
    }

    PublishedObject finish(PreparedFile file) {
        ObjectUploader.Staged upload = staged.get(file.key());
        return upload != null ? uploader().complete(upload)
                : uploader().upload(request.bucket(), file, request.encryption());
    }

    /** A file was refused: every staged upload is aborted, so that the run leaves nothing behind. */
    void abortAll() {
        List.copyOf(staged.values()).forEach(upload -> uploader().abort(upload));
    }

    synchronized S3Objects client() {
        return uploader().s3();
    }

    private synchronized ObjectUploader uploader() {
        if (uploader == null) {
            uploader = new ObjectUploader(s3.get(), options.partSize(), partPool);
        }
        return uploader;
    }
}
