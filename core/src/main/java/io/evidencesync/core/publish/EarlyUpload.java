package io.evidencesync.core.publish;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import io.evidencesync.core.s3.S3Objects;

/**
 * A large file's multipart upload, started while the file is still being validated, so that its parts go up while
 * it is parsed. An incomplete multipart upload is no object: S3 lists no key for it and sends no event. It becomes
 * one only when {@link ObjectUploader#upload} completes it, once every file of the publish has been accepted and
 * only when the parse gave the metadata it was started with; otherwise it is discarded (aborted), and whatever
 * is still open when the publish ends is discarded then ({@link ObjectUploader#discardOpen}).
 *
 * @param path     the file, as messages name it
 * @param key      the object's key
 * @param uploadId S3's id of the multipart upload
 * @param metadata the metadata the upload was started with: its object gets these, whatever the parse found
 * @param parts    the parts, queued or sent
 * @param gate     closed before an abort, so that no part is left behind
 */
record EarlyUpload(String path, String key, String uploadId, Map<String, String> metadata, List<Future<S3Objects.Part>> parts,
                   PartGate gate) {
    EarlyUpload {
        metadata = Map.copyOf(metadata);
        parts = List.copyOf(parts);
    }
}
