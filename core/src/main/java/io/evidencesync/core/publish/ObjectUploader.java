package io.evidencesync.core.publish;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.Futures;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.discovery.EvidenceFile;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.s3.ObjectInfo;
import io.evidencesync.core.s3.ObjectWrite;
import io.evidencesync.core.s3.S3Objects;

/**
 * Writes one evidence object exactly once per run: a conditional write ({@code If-None-Match: *}) so that publishing
 * the same file again in the same run finds the existing object instead of writing a second version. S3 verifies
 * every request body: the SHA-256 of a whole object, the CRC32C of each part of a multipart upload.
 */
final class ObjectUploader {
    private final S3Objects s3;
    private final PublisherOptions options;
    private final ExecutorService partPool;
    private final Consumer<String> warnings;
    private final PartBuffers buffers;
    /**
     * Uploads started early and neither completed nor aborted yet, by identity (a record's hash would hash its parts
     * and metadata, through method handles bootstrapped on first use); guarded by itself, as is {@link #closed}.
     */
    private final Set<EarlyUpload> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    /**
     * @param partPool runs part uploads; its size bounds the parts (and part buffers) in flight across all files
     * @param warnings told of a multipart upload that could not be aborted
     */
    ObjectUploader(S3Objects s3, PublisherOptions options, ExecutorService partPool, Consumer<String> warnings) {
        this.s3 = s3;
        this.options = options;
        this.partPool = partPool;
        this.warnings = warnings;
        this.buffers = new PartBuffers(options.partSize(), EvidencePublisher.PART_CONCURRENCY);
    }

    PublishedObject upload(String bucket, PreparedFile file, Encryption encryption) {
        EarlyUpload early = file.early();
        if (early != null) {
            try {
                return complete(bucket, file, early.uploadId(), early.parts(), early.gate());
            } finally {
                forget(early);
            }
        }
        if (options.goesInParts(file.file().size())) {
            return uploadMultipart(bucket, file, encryption);
        }
        try {
            S3Objects.Stored stored = s3.putFile(bucket, file.key(), file.file().path(), file.file().size(),
                    Digests.base64(file.sha256()), write(file, encryption), S3Objects.Precondition.ifNoneMatch());
            return published(file, stored, PublishedObject.Outcome.UPLOADED);
        } catch (S3Objects.PreconditionFailedException e) {
            return existing(bucket, file);
        } catch (S3Objects.RequestFailedException e) {
            throw S3Errors.describe(e, "upload " + file.file().relativePath() + " to", bucket, file.key());
        }
    }

    /** The client every request goes through. */
    S3Objects client() {
        return s3;
    }

    /**
     * Starts a large file's upload before its validation has ended: creates the multipart upload with the metadata
     * the file is expected to get and queues its parts. Returns null, having left nothing behind, when the key
     * already holds an object (the upload proper decides what that means), when S3 refuses anything (the upload
     * proper tries again and reports it) or once {@link #discardOpen} has run.
     */
    EarlyUpload startEarly(String bucket, String key, EvidenceFile file, Map<String, String> metadata,
                           ObjectWrite write) {
        try {
            s3.headObject(bucket, key, null);
            return null;
        } catch (S3Objects.RequestFailedException e) {
            if (e.status() != 404 && e.status() != 403) {
                return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
        String uploadId;
        try {
            uploadId = s3.startMultipartUpload(bucket, key, write);
        } catch (RuntimeException e) {
            return null;
        }
        PartGate gate = new PartGate();
        EarlyUpload early;
        try {
            early = new EarlyUpload(file.relativePath(), key, uploadId, metadata,
                    submitParts(bucket, key, file, uploadId, gate), gate);
        } catch (RuntimeException e) { // the part pool was shut down
            stop(bucket, key, uploadId, file.relativePath(), gate);
            return null;
        }
        synchronized (open) {
            if (!closed) {
                open.add(early);
                return early;
            }
        }
        discard(bucket, early);
        return null;
    }

    /** Drops an early upload that must not become an object: no part is left behind, nothing is stored. */
    void discard(String bucket, EarlyUpload early) {
        if (early != null) {
            stop(bucket, early.key(), early.uploadId(), early.path(), early.gate());
            forget(early);
        }
    }

    /**
     * Discards every early upload not completed yet, and any started from now on: when a publish ends, whether it
     * succeeded (nothing is left open then), a file was refused, or anything else failed or interrupted it.
     */
    void discardOpen(String bucket) {
        List<EarlyUpload> left;
        synchronized (open) {
            closed = true;
            left = new ArrayList<>(open);
        }
        left.forEach(early -> discard(bucket, early));
    }

    private void forget(EarlyUpload early) {
        synchronized (open) {
            open.remove(early);
        }
    }

    private PublishedObject uploadMultipart(String bucket, PreparedFile file, Encryption encryption) {
        PublishedObject already = findExistingIfReadable(bucket, file);
        if (already != null) {
            return already;
        }
        String uploadId;
        try {
            uploadId = s3.startMultipartUpload(bucket, file.key(), write(file, encryption));
        } catch (S3Objects.RequestFailedException e) {
            throw S3Errors.describe(e, "start a multipart upload of " + file.file().relativePath() + " to", bucket, file.key());
        }
        PartGate gate = new PartGate();
        return complete(bucket, file, uploadId, submitParts(bucket, file.key(), file.file(), uploadId, gate), gate);
    }

    /**
     * Waits for the parts, then completes the upload only if no object appeared under the key meanwhile. On a
     * failure the upload is aborted once no part is being sent any more.
     */
    private PublishedObject complete(String bucket, PreparedFile file, String uploadId,
                                     List<Future<S3Objects.Part>> pending, PartGate gate) {
        try {
            List<S3Objects.Part> parts = new ArrayList<>();
            for (Future<S3Objects.Part> part : pending) {
                parts.add(Futures.get(part));
            }
            S3Objects.Stored stored = s3.completeMultipartUpload(bucket, file.key(), uploadId, parts,
                    S3Objects.Precondition.ifNoneMatch());
            return published(file, stored, PublishedObject.Outcome.UPLOADED);
        } catch (IOException | RuntimeException e) {
            stop(bucket, file.key(), uploadId, file.file().relativePath(), gate);
            if (e instanceof S3Objects.PreconditionFailedException) {
                return existing(bucket, file);
            }
            if (e instanceof S3Objects.RequestFailedException failed) {
                throw S3Errors.describe(failed, "upload " + file.file().relativePath() + " to", bucket, file.key());
            }
            if (e instanceof IOException io) {
                throw new EvidenceException("cannot read evidence file '" + file.file().relativePath() + "': "
                        + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Queues the parts on the shared part pool (a few at a time, whatever the number of files), each read at its
     * own offset, each with its own CRC32C for S3 to verify. The whole object's SHA-256 is already known (it is in
     * the metadata); per part, S3 offers no whole-object SHA-256 anyway, and a CRC32C costs a fraction of a second
     * SHA-256 pass over the bytes while catching the same transport corruption. A part that finds the gate closed
     * is not sent.
     */
    private List<Future<S3Objects.Part>> submitParts(String bucket, String key, EvidenceFile file, String uploadId,
                                                     PartGate gate) {
        long size = file.size();
        int partSize = options.partSize();
        int count = (int) ((size + partSize - 1) / partSize);
        List<Future<S3Objects.Part>> pending = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            int number = index + 1;
            long offset = (long) index * partSize;
            int length = (int) Math.min(partSize, size - offset);
            pending.add(partPool.submit(() -> {
                if (!gate.enter()) {
                    throw new IOException("the upload was stopped before part " + number + " was sent");
                }
                try {
                    return uploadPart(file, bucket, key, uploadId, number, offset, length);
                } finally {
                    gate.exit();
                }
            }));
        }
        return pending;
    }

    private S3Objects.Part uploadPart(EvidenceFile file, String bucket, String key, String uploadId, int number,
                                      long offset, int length) throws IOException {
        return buffers.lend(length, bytes -> {
            try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
                while (bytes.hasRemaining()) {
                    if (channel.read(bytes, offset + bytes.position()) < 0) {
                        throw new IOException("the file became shorter while it was uploaded (part " + number + ")");
                    }
                }
            }
            bytes.flip();
            String checksum = Digests.crc32cBase64(bytes);
            String etag = s3.uploadPart(bucket, key, uploadId, number, bytes, checksum);
            return new S3Objects.Part(number, etag, checksum);
        });
    }

    /** The object is already there: the same bytes are this run's earlier publish; other bytes are a conflict. */
    private PublishedObject existing(String bucket, PreparedFile file) {
        PublishedObject found;
        try {
            found = findExisting(bucket, file);
        } catch (S3Objects.RequestFailedException e) {
            throw S3Errors.describe(e, "check", bucket, file.key());
        }
        if (found == null) {
            throw new EvidenceException("cannot upload " + file.file().relativePath() + " to s3://" + bucket + "/"
                    + file.key() + ": S3 refused the conditional write but the object cannot be read back");
        }
        return found;
    }

    /**
     * The pre-check before a large upload, which only saves re-sending bytes already there: without
     * {@code s3:ListBucket}, S3 answers 403 instead of 404 for a missing key, so 403 means "unknown" here and the
     * conditional completion decides.
     */
    private PublishedObject findExistingIfReadable(String bucket, PreparedFile file) {
        try {
            return findExisting(bucket, file);
        } catch (S3Objects.RequestFailedException e) {
            if (e.status() == 403) {
                return null;
            }
            throw S3Errors.describe(e, "check", bucket, file.key());
        }
    }

    /** @throws S3Objects.RequestFailedException when S3 answers an error other than 404 */
    private PublishedObject findExisting(String bucket, PreparedFile file) {
        ObjectInfo head;
        try {
            head = s3.headObject(bucket, file.key(), null);
        } catch (S3Objects.RequestFailedException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
        String existingSha = head.metadata().get(EvidenceContract.META_SHA256);
        if (!file.sha256Hex().equals(existingSha)) {
            throw new EvidenceException("s3://" + bucket + "/" + file.key() + " already holds different evidence for this run"
                    + " (SHA-256 " + existingSha + ", the file '" + file.file().relativePath() + "' has "
                    + file.sha256Hex() + "); a run's evidence is immutable: publish changed files from a new run or attempt");
        }
        return new PublishedObject(file.file().relativePath(), file.key(), head.versionId(), head.etag(),
                file.sha256Hex(), file.file().size(), file.summary(), PublishedObject.Outcome.ALREADY_PUBLISHED);
    }

    /**
     * Stops a multipart upload: no part starts any more, the parts still being sent are waited for (S3 may keep a
     * part that outlives the abort), then the upload is aborted.
     */
    private void stop(String bucket, String key, String uploadId, String path, PartGate gate) {
        gate.closeAndWait();
        abort(bucket, key, uploadId, path);
    }

    /** Aborts a multipart upload; one that cannot be aborted is reported, never thrown. */
    private void abort(String bucket, String key, String uploadId, String path) {
        try {
            s3.abortMultipartUpload(bucket, key, uploadId);
        } catch (RuntimeException e) {
            warnings.accept("could not abort the incomplete multipart upload of " + path + " (s3://" + bucket + "/"
                    + key + ", upload id " + uploadId + "): " + e.getMessage() + "; it is no object, and the"
                    + " bucket's lifecycle rule for incomplete multipart uploads removes it (docs/operations.md)");
        }
    }

    private static PublishedObject published(PreparedFile file, S3Objects.Stored stored, PublishedObject.Outcome outcome) {
        return new PublishedObject(file.file().relativePath(), file.key(), stored.versionId(), stored.etag(),
                file.sha256Hex(), file.file().size(), file.summary(), outcome);
    }

    private static ObjectWrite write(PreparedFile file, Encryption encryption) {
        return write(file.summary().format(), file.summary().compressed(), file.metadata(), encryption);
    }

    /** What an evidence object of this format is written with: its content type, metadata and encryption. */
    static ObjectWrite write(EvidenceFormat format, boolean compressed, Map<String, String> metadata,
                             Encryption encryption) {
        String contentType = compressed ? "application/gzip"
                : format == EvidenceFormat.OPAQUE ? "application/octet-stream" : "application/json";
        return encryption.apply(contentType, metadata);
    }
}
