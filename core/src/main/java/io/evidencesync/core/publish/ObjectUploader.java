package io.evidencesync.core.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
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
 * the SHA-256 of every request body (the whole object, or each part of a multipart upload).
 */
final class ObjectUploader {
    private static final int PRECONDITION_FAILED = 412;
    private static final int CONDITIONAL_CONFLICT = 409;

    private final S3Client s3;
    private final long multipartThreshold;
    private final int partSize;

    ObjectUploader(S3Client s3, long multipartThreshold, int partSize) {
        this.s3 = s3;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
    }

    PublishedObject upload(String bucket, PreparedFile file, Encryption encryption) {
        if (file.file().size() >= multipartThreshold) {
            return uploadMultipart(bucket, file, encryption);
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

    private PublishedObject uploadMultipart(String bucket, PreparedFile file, Encryption encryption) {
        PublishedObject already = findExistingIfReadable(bucket, file);
        if (already != null) {
            return already;
        }
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(bucket)
                .key(file.key()).metadata(file.metadata()).contentType(contentType(file))
                .checksumAlgorithm(ChecksumAlgorithm.SHA256);
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

    private List<CompletedPart> uploadParts(String bucket, PreparedFile file, String uploadId) throws IOException {
        List<CompletedPart> parts = new ArrayList<>();
        byte[] buffer = new byte[partSize];
        try (InputStream in = Files.newInputStream(file.file().path())) {
            int partNumber = 1;
            for (int n = in.readNBytes(buffer, 0, partSize); n > 0; n = in.readNBytes(buffer, 0, partSize)) {
                var digest = Digests.sha256();
                digest.update(buffer, 0, n);
                String checksum = Digests.base64(digest.digest());
                int number = partNumber++;
                var response = s3.uploadPart(b -> b.bucket(bucket).key(file.key()).uploadId(uploadId).partNumber(number)
                                .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(checksum),
                        RequestBody.fromBytes(n == partSize ? buffer.clone() : java.util.Arrays.copyOf(buffer, n)));
                parts.add(CompletedPart.builder().partNumber(number).eTag(response.eTag()).checksumSHA256(checksum).build());
            }
        }
        return parts;
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
