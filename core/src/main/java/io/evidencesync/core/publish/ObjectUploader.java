package io.evidencesync.core.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.s3.S3Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Writes one evidence object exactly once per run: a conditional put ({@code If-None-Match: *}) so that publishing
 * the same file again in the same run finds the existing object instead of writing a second version. S3 verifies
 * every request body: the SHA-256 of a whole object, the CRC32C of each part of a multipart upload. Single-request
 * uploads go through the {@link S3Objects} port when the caller gives one (a signed REST request: a fraction of the
 * SDK client's CPU per object, bench/results/publish-2026-11-27.md), else through the SDK's {@link S3Client};
 * multipart uploads, HEAD and the manifest always use the SDK client.
 */
final class ObjectUploader {
    private static final int PRECONDITION_FAILED = 412;
    private static final int CONDITIONAL_CONFLICT = 409;

    private final S3Client s3;
    private final S3Objects objects;
    private final long multipartThreshold;
    private final int partSize;
    private final ExecutorService partPool;

    /**
     * @param objects  single-request uploads, or null to make them with {@code s3}
     * @param partPool runs part uploads; its size bounds the parts (and part buffers) in flight across all files
     */
    ObjectUploader(S3Client s3, S3Objects objects, long multipartThreshold, int partSize, ExecutorService partPool) {
        this.s3 = s3;
        this.objects = objects;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
        this.partPool = partPool;
    }

    PublishedObject upload(String bucket, PreparedFile file, Encryption encryption) {
        if (file.file().size() >= multipartThreshold) {
            return uploadMultipart(bucket, file, encryption);
        }
        if (objects != null) {
            return uploadSigned(bucket, file, encryption);
        }
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(file.key())
                .metadata(file.metadata())
                .contentType(contentType(file))
                .ifNoneMatch("*")
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                .checksumSHA256(Digests.base64(file.sha256()));
        applyEncryption(encryption, put);
        try {
            PutObjectResponse response = s3.putObject(put.build(), RequestBody.fromFile(file.file().path()));
            return published(file, response.versionId(), response.eTag(), PublishedObject.Outcome.UPLOADED);
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == CONDITIONAL_CONFLICT) {
                return existing(bucket, file);
            }
            throw S3Errors.describe(e, "upload " + file.file().relativePath() + " to", bucket, file.key());
        } catch (SdkException e) {
            throw S3Errors.describe(e, "upload " + file.file().relativePath() + " to", bucket, file.key());
        }
    }

    /** The same conditional put as the SDK's, as one signed request with the file streamed from disk. */
    private PublishedObject uploadSigned(String bucket, PreparedFile file, Encryption encryption) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType(file));
        // the contract's metadata values are ASCII already (non-ASCII ones RFC 2047 encoded)
        file.metadata().forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
        headers.put("x-amz-checksum-sha256", Digests.base64(file.sha256()));
        if (encryption.mode() == Encryption.Mode.SSE_S3) {
            headers.put("x-amz-server-side-encryption", ServerSideEncryption.AES256.toString());
        } else if (encryption.mode() == Encryption.Mode.SSE_KMS) {
            headers.put("x-amz-server-side-encryption", ServerSideEncryption.AWS_KMS.toString());
            headers.put("x-amz-server-side-encryption-aws-kms-key-id", encryption.kmsKeyId());
        }
        try {
            S3Objects.Stored stored = objects.putFile(bucket, file.key(), file.file().path(), file.file().size(), headers,
                    S3Objects.Precondition.ifNoneMatch());
            return published(file, stored.versionId(), stored.etag(), PublishedObject.Outcome.UPLOADED);
        } catch (S3Objects.PreconditionFailedException e) {
            return existing(bucket, file);
        } catch (S3Objects.RequestFailedException e) {
            throw S3Errors.describe(e.status(), e.errorCode(), "upload " + file.file().relativePath() + " to", bucket,
                    file.key(), e);
        }
    }

    private PublishedObject uploadMultipart(String bucket, PreparedFile file, Encryption encryption) {
        PublishedObject already = findExistingIfReadable(bucket, file);
        if (already != null) {
            return already;
        }
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(bucket)
                .key(file.key()).metadata(file.metadata()).contentType(contentType(file))
                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C);
        if (encryption.mode() == Encryption.Mode.SSE_S3) {
            create.serverSideEncryption(ServerSideEncryption.AES256);
        } else if (encryption.mode() == Encryption.Mode.SSE_KMS) {
            create.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(encryption.kmsKeyId());
        }
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(create.build()).uploadId();
        } catch (SdkException e) {
            throw S3Errors.describe(e, "start a multipart upload of " + file.file().relativePath() + " to", bucket, file.key());
        }
        try {
            List<CompletedPart> parts = uploadParts(bucket, file, uploadId);
            var response = s3.completeMultipartUpload(b -> b.bucket(bucket).key(file.key()).uploadId(uploadId)
                    .ifNoneMatch("*").multipartUpload(m -> m.parts(parts)));
            return published(file, response.versionId(), response.eTag(), PublishedObject.Outcome.UPLOADED);
        } catch (S3Exception e) {
            abortQuietly(bucket, file.key(), uploadId);
            if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == CONDITIONAL_CONFLICT) {
                return existing(bucket, file);
            }
            throw S3Errors.describe(e, "upload " + file.file().relativePath() + " to", bucket, file.key());
        } catch (SdkException e) {
            abortQuietly(bucket, file.key(), uploadId);
            throw S3Errors.describe(e, "upload " + file.file().relativePath() + " to", bucket, file.key());
        } catch (IOException e) {
            abortQuietly(bucket, file.key(), uploadId);
            throw new EvidenceException("cannot read evidence file '" + file.file().relativePath() + "': " + e.getMessage(), e);
        }
    }

    /**
     * Uploads the parts on the shared part pool (a few at a time, whatever the number of files), each read at its
     * own offset, each with its own CRC32C for S3 to verify. The whole object's SHA-256 is already known (it is in
     * the metadata); per part, S3 offers no whole-object SHA-256 anyway, and a CRC32C costs a fraction of a second
     * SHA-256 pass over the bytes while catching the same transport corruption.
     */
    private List<CompletedPart> uploadParts(String bucket, PreparedFile file, String uploadId) throws IOException {
        long size = file.file().size();
        int count = (int) ((size + partSize - 1) / partSize);
        List<Future<CompletedPart>> pending = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file.file().path(), StandardOpenOption.READ)) {
            for (int index = 0; index < count; index++) {
                int number = index + 1;
                long offset = (long) index * partSize;
                int length = (int) Math.min(partSize, size - offset);
                pending.add(partPool.submit(() -> uploadPart(channel, bucket, file.key(), uploadId, number, offset, length)));
            }
            List<CompletedPart> parts = new ArrayList<>();
            for (Future<CompletedPart> part : pending) {
                parts.add(await(part, pending));
            }
            return parts;
        }
    }

    private CompletedPart uploadPart(FileChannel channel, String bucket, String key, String uploadId, int number,
                                     long offset, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
            if (channel.read(bytes, offset + bytes.position()) < 0) {
                throw new IOException("the file became shorter while it was uploaded (part " + number + ")");
            }
        }
        String checksum = Digests.crc32cBase64(bytes.array());
        var response = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C).checksumCRC32C(checksum), RequestBody.fromBytes(bytes.array()));
        return CompletedPart.builder().partNumber(number).eTag(response.eTag()).checksumCRC32C(checksum).build();
    }

    /** Waits for one part; on failure cancels the others and rethrows the part's own exception. */
    private static CompletedPart await(Future<CompletedPart> part, List<Future<CompletedPart>> all) throws IOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(other -> other.cancel(true));
            throw new IOException("interrupted while uploading parts", e);
        } catch (ExecutionException e) {
            all.forEach(other -> other.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        }
    }

    /** The object is already there: the same bytes are this run's earlier publish; other bytes are a conflict. */
    private PublishedObject existing(String bucket, PreparedFile file) {
        PublishedObject found = findExisting(bucket, file);
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
        } catch (EvidenceException e) {
            if (e.getCause() instanceof S3Exception s3 && s3.statusCode() == 403) {
                return null;
            }
            throw e;
        }
    }

    private PublishedObject findExisting(String bucket, PreparedFile file) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(file.key()));
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw S3Errors.describe(e, "check", bucket, file.key());
        } catch (SdkException e) {
            throw S3Errors.describe(e, "check", bucket, file.key());
        }
        String existingSha = head.metadata().get(EvidenceContract.META_SHA256);
        if (!file.sha256Hex().equals(existingSha)) {
            throw new EvidenceException("s3://" + bucket + "/" + file.key() + " already holds different evidence for this run"
                    + " (SHA-256 " + existingSha + ", the file '" + file.file().relativePath() + "' has "
                    + file.sha256Hex() + "); a run's evidence is immutable: publish changed files from a new run or attempt");
        }
        return published(file, head.versionId(), head.eTag(), PublishedObject.Outcome.ALREADY_PUBLISHED);
    }

    private void abortQuietly(String bucket, String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException ignored) {
            // the upload stays incomplete; a bucket lifecycle rule for incomplete multipart uploads cleans it up
        }
    }

    private static PublishedObject published(PreparedFile file, String versionId, String etag, PublishedObject.Outcome outcome) {
        return new PublishedObject(file.file().relativePath(), file.key(), versionId, etag, file.sha256Hex(),
                file.file().size(), file.summary(), outcome);
    }

    static void applyEncryption(Encryption encryption, PutObjectRequest.Builder put) {
        if (encryption.mode() == Encryption.Mode.SSE_S3) {
            put.serverSideEncryption(ServerSideEncryption.AES256);
        } else if (encryption.mode() == Encryption.Mode.SSE_KMS) {
            put.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(encryption.kmsKeyId());
        }
    }

    private static String contentType(PreparedFile file) {
        return file.summary().compressed() ? "application/gzip"
                : file.summary().format() == io.evidencesync.core.evidence.EvidenceFormat.OPAQUE
                ? "application/octet-stream" : "application/json";
    }
}
