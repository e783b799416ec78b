package io.evidencesync.core.trace;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.publish.Digests;
import io.evidencesync.core.publish.S3Errors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link TraceStore} on S3: read-only (s3:GetObject, s3:GetObjectVersion, s3:ListBucket on the receipts index, and
 * s3:ListBucketVersions for a manifest's history).
 */
public final class S3TraceStore implements TraceStore {
    private final S3Client s3;

    public S3TraceStore(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key, String versionId) {
        return ifExists(bucket, key, () -> {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).versionId(versionId));
            return new ObjectInfo(bucket, key, head.versionId(), head.contentLength(), head.metadata());
        });
    }

    @Override
    public Optional<byte[]> read(String bucket, String key, String versionId) {
        return ifExists(bucket, key,
                () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId)).asByteArray());
    }

    @Override
    public Optional<String> sha256(String bucket, String key, String versionId) {
        return ifExists(bucket, key, () -> {
            MessageDigest digest = Digests.sha256();
            try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key).versionId(versionId))) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new EvidenceException("cannot read s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
            }
            return Digests.hex(digest.digest());
        });
    }

    /** Runs one read; a missing key or version is empty, any other failure names the object. */
    private static <T> Optional<T> ifExists(String bucket, String key, Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw S3Errors.describe(e, "read", "GetObject", bucket, key);
        } catch (SdkException e) {
            throw S3Errors.describe(e, "read", "GetObject", bucket, key);
        }
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
                page.contents().forEach(object -> keys.add(object.key()));
            }
        } catch (SdkException e) {
            throw S3Errors.describe(e, "list", "ListObjectsV2", bucket, prefix);
        }
        return keys;
    }

    @Override
    public List<String> versions(String bucket, String key) {
        List<ObjectVersion> versions = new ArrayList<>();
        try {
            for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(key))) {
                page.versions().stream().filter(version -> version.key().equals(key)).forEach(versions::add);
            }
        } catch (SdkException e) {
            throw S3Errors.describe(e, "list the versions of", "ListObjectVersions", bucket, key);
        }
        // S3 lists a key's versions newest first, in the order it stored them (LastModified has whole seconds only)
        java.util.Collections.reverse(versions);
        return versions.stream().map(ObjectVersion::versionId).toList();
    }
}
