package io.evidencesync.core.publish;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.Futures;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.discovery.EvidenceFile;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.evidence.EvidenceReader;
import io.evidencesync.core.evidence.EvidenceSummary;
import io.evidencesync.core.evidence.FormatGuess;
import io.evidencesync.core.evidence.InputSource;

/**
 * Reads, validates and hashes one evidence file of a publish, and works out its key and metadata. A file that goes
 * up in parts has its upload started beside the parse ({@link EarlyUpload}) when an uploader is given.
 */
final class FilePreparer {
    private final PublishRequest request;
    private final String manifestKey;
    private final EvidenceReader reader;
    private final EarlyUploads early;
    private final ExecutorService starter;

    /**
     * @param early   starts large files' uploads while they are parsed; null for none
     * @param starter hashes a large file and starts its upload beside its parse (not the part pool, where it would
     *                wait behind other files' parts), and reads the second half of one that can be read in halves
     */
    FilePreparer(PublishRequest request, String manifestKey, EarlyUploads early, ExecutorService starter) {
        this.request = request;
        this.manifestKey = manifestKey;
        this.reader = new EvidenceReader(request.allowOpaque());
        this.early = early;
        this.starter = starter;
    }

    /** @throws io.evidencesync.core.evidence.InvalidEvidenceException when the file is refused */
    PreparedFile prepare(EvidenceFile file) {
        String key = EvidenceContract.evidenceKey(request.prefix(), request.provenance(), file.relativePath());
        try {
            if (early != null && early.goesInParts(file.size())) {
                return prepareWhileUploading(file, key);
            }
            HashingSource source = new HashingSource(file.path(), file.size());
            EvidenceSummary summary = reader.read(file.relativePath(), source);
            byte[] sha256 = source.sha256();
            return new PreparedFile(file, key, sha256, summary, metadata(sha256, summary.format(), summary.compressed()),
                    null);
        } catch (IOException e) {
            throw new EvidenceException("cannot read evidence file '" + file.relativePath() + "': " + e.getMessage(), e);
        }
    }

    /**
     * A large file: parsed while, beside the parse, it is hashed (the upload's metadata needs its SHA-256) and its
     * upload is started with the format its head suggests, so that its parts go up during the parse. The upload is
     * kept only when the parse accepts the file with the metadata the upload was started with.
     */
    private PreparedFile prepareWhileUploading(EvidenceFile file, String key) throws IOException {
        InputSource source = InputSource.of(file.path());
        FormatGuess guess = FormatGuess.of(source);
        CompletableFuture<Void> hashed = new CompletableFuture<>();
        Future<Started> starting = starter.submit(() -> {
            byte[] sha256;
            try {
                sha256 = Digests.sha256(source);
            } finally {
                hashed.complete(null);
            }
            ObjectUploader uploader = guess == null ? null : early.uploader();
            if (uploader == null) {
                return new Started(sha256, null, null);
            }
            Map<String, String> expected = metadata(sha256, guess.format(), guess.compressed());
            return new Started(sha256, uploader.startEarly(request.bucket(), key, file, expected,
                    ObjectUploader.write(guess.format(), guess.compressed(), expected, request.encryption())), uploader);
        });
        EvidenceSummary summary;
        try {
            // the second half of the parse waits for the hash, which the upload's start waits for, to be done
            summary = reader.read(file.relativePath(), file.path(), half -> hashed.thenRunAsync(half, starter));
        } catch (IOException | RuntimeException e) {
            try {
                Futures.get(starting).discard(request.bucket());
            } catch (IOException | RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed); // nothing was started; anything else is discarded when the publish ends
            }
            throw e;
        }
        Started started = Futures.get(starting);
        Map<String, String> metadata = metadata(started.sha256(), summary.format(), summary.compressed());
        EarlyUpload upload = started.upload();
        if (upload != null && !upload.metadata().equals(metadata)) {
            started.discard(request.bucket());
            upload = null;
        }
        return new PreparedFile(file, key, started.sha256(), summary, metadata, upload);
    }

    private Map<String, String> metadata(byte[] sha256, EvidenceFormat format, boolean compressed) {
        return EvidenceContract.objectMetadata(request.provenance(), Digests.hex(sha256), format, compressed,
                manifestKey, request.controlOverride());
    }

    /** A large file's SHA-256, and its upload and the uploader that started it, if one was started. */
    private record Started(byte[] sha256, EarlyUpload upload, ObjectUploader uploader) {
        void discard(String bucket) {
            if (upload != null) {
                uploader.discard(bucket, upload);
            }
        }
    }
}
