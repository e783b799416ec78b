package io.evidencesync.core.s3;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.evidencesync.core.EvidenceException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link S3Objects} over an SDK {@link S3Client}, for callers that already hold one (the Jenkins plugin, which takes
 * its client from the controller's configuration). Same calls, same checksums, same messages as {@link SignedS3};
 * retries are the SDK client's.
 */
public final class SdkS3Objects implements S3Objects {
    private final S3Client s3;

    public SdkS3Objects(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public OpenedObject getObject(String bucket, String key, String versionId) {
        ResponseInputStream<GetObjectResponse> body = call("GetObject", bucket, key, versionId,
                () -> s3.getObject(b -> b.bucket(bucket).key(key).versionId(versionId)));
        GetObjectResponse response = body.response();
        return new OpenedObject(new ObjectInfo(response.metadata(), response.versionId(), response.eTag(),
                length(response.contentLength()), response.lastModified()), AbortableInputStream.create(body, body::abort));
    }

    @Override
    public Optional<SmallObject> getObjectAsBytes(String bucket, String key) {
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failed("GetObject", bucket, key, null, e);
        } catch (SdkException e) {
            throw failed("GetObject", bucket, key, null, e);
        }
        GetObjectResponse response = bytes.response();
        return Optional.of(new SmallObject(bytes.asByteArray(), new ObjectInfo(response.metadata(),
                response.versionId(), response.eTag(), length(response.contentLength()), response.lastModified())));
    }

    @Override
    public ObjectInfo headObject(String bucket, String key, String versionId) {
        HeadObjectResponse head = call("HeadObject", bucket, key, versionId,
                () -> s3.headObject(b -> b.bucket(bucket).key(key).versionId(versionId)));
        return new ObjectInfo(head.metadata(), head.versionId(), head.eTag(), length(head.contentLength()),
                head.lastModified());
    }

    @Override
    public String putObject(String bucket, String key, byte[] body, String contentType, Precondition precondition) {
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType);
        condition(put, precondition);
        return conditional("PutObject", bucket, key, precondition,
                () -> s3.putObject(put.build(), RequestBody.fromBytes(body)).eTag());
    }

    @Override
    public Stored putFile(String bucket, String key, Path file, long length, String sha256Base64, ObjectWrite write,
                          Precondition precondition) {
        return put(bucket, key, RequestBody.fromFile(file), sha256Base64, write, precondition);
    }

    @Override
    public Stored putBytes(String bucket, String key, byte[] body, String sha256Base64, ObjectWrite write,
                           Precondition precondition) {
        return put(bucket, key, RequestBody.fromBytes(body), sha256Base64, write, precondition);
    }

    private Stored put(String bucket, String key, RequestBody body, String sha256Base64, ObjectWrite write,
                       Precondition precondition) {
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(key)
                .contentType(write.contentType()).metadata(write.metadata())
                .serverSideEncryption(write.sse()).ssekmsKeyId(write.kmsKeyId())
                .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(sha256Base64);
        condition(put, precondition);
        return conditional("PutObject", bucket, key, precondition, () -> {
            var response = s3.putObject(put.build(), body);
            return new Stored(response.versionId(), response.eTag());
        });
    }

    @Override
    public String startMultipartUpload(String bucket, String key, ObjectWrite write) {
        return call("CreateMultipartUpload", bucket, key, null, () -> s3.createMultipartUpload(b -> b.bucket(bucket)
                .key(key).contentType(write.contentType()).metadata(write.metadata())
                .serverSideEncryption(write.sse()).ssekmsKeyId(write.kmsKeyId())
                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C)).uploadId());
    }

    @Override
    public String uploadPart(String bucket, String key, String uploadId, int partNumber, ByteBuffer bytes,
                             String crc32cBase64) {
        return call("UploadPart", bucket, key, null, () -> s3.uploadPart(b -> b.bucket(bucket).key(key)
                        .uploadId(uploadId).partNumber(partNumber).checksumAlgorithm(ChecksumAlgorithm.CRC32_C)
                        .checksumCRC32C(crc32cBase64),
                RequestBody.fromContentProvider(() -> new BufferStream(bytes), bytes.remaining(),
                        "application/octet-stream")).eTag());
    }

    @Override
    public Stored completeMultipartUpload(String bucket, String key, String uploadId, List<Part> parts,
                                          Precondition precondition) {
        List<CompletedPart> completed = parts.stream().map(part -> CompletedPart.builder().partNumber(part.number())
                .eTag(part.etag()).checksumCRC32C(part.crc32cBase64()).build()).toList();
        return conditional("CompleteMultipartUpload", bucket, key, precondition, () -> {
            var response = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .ifNoneMatch("If-None-Match".equals(precondition.header()) ? precondition.value() : null)
                    .ifMatch("If-Match".equals(precondition.header()) ? precondition.value() : null)
                    .multipartUpload(m -> m.parts(completed)));
            return new Stored(response.versionId(), response.eTag());
        });
    }

    @Override
    public void abortMultipartUpload(String bucket, String key, String uploadId) {
        call("AbortMultipartUpload", bucket, key, null,
                () -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)));
    }

    private static void condition(PutObjectRequest.Builder put, Precondition precondition) {
        if ("If-None-Match".equals(precondition.header())) {
            put.ifNoneMatch(precondition.value());
        } else if ("If-Match".equals(precondition.header())) {
            put.ifMatch(precondition.value());
        }
    }

    private static <T> T conditional(String operation, String bucket, String key, Precondition precondition,
                                     Supplier<T> call) {
        try {
            return call.get();
        } catch (S3Exception e) {
            if (precondition.header() != null && (e.statusCode() == 412 || e.statusCode() == 409)) {
                throw new PreconditionFailedException("S3 " + operation + " of s3://" + bucket + "/" + key + " with "
                        + precondition.header() + ": HTTP " + e.statusCode());
            }
            throw failed(operation, bucket, key, null, e);
        } catch (SdkException e) {
            throw failed(operation, bucket, key, null, e);
        }
    }

    private static <T> T call(String operation, String bucket, String key, String versionId, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw failed(operation, bucket, key, versionId, e);
        }
    }

    private static EvidenceException failed(String operation, String bucket, String key, String versionId,
                                            SdkException e) {
        S3Request request = S3Request.describing(operation, bucket, key, versionId);
        if (e instanceof S3Exception s3) {
            RequestFailedException failure = S3ErrorMessages.failed(request, s3.statusCode(),
                    s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode());
            failure.initCause(e);
            return failure;
        }
        if (e instanceof SdkClientException && e.getMessage() != null && e.getMessage().contains("credentials")) {
            return new EvidenceException("S3 " + operation + " of " + request.where() + " failed: no AWS credentials"
                    + " found (environment, profile, web identity, container or instance role)", e);
        }
        return S3ErrorMessages.unreachable(request, 1, e);
    }

    private static long length(Long contentLength) {
        return contentLength == null ? -1 : contentLength;
    }
}
