package io.evidencesync.core.publish;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.contract.ManifestCodec;
import io.evidencesync.core.contract.RunManifest;
import io.evidencesync.core.evidence.EvidenceFormat;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes the run manifest after the evidence objects. A run may publish more than once (several steps); the
 * manifest then accumulates: an existing manifest is read and merged, and the write is conditional on the ETag
 * read ({@code If-Match}), so two concurrent publishes of one run cannot lose each other's objects.
 */
final class ManifestWriter {
    private static final int MAX_ATTEMPTS = 5;

    private final S3Client s3;

    ManifestWriter(S3Client s3) {
        this.s3 = s3;
    }

    /** Returns the version id of the manifest now in S3 (null on an unversioned bucket). */
    String write(String bucket, String key, RunManifest manifest, Encryption encryption) {
        String ifMatch = null;
        RunManifest toWrite = manifest;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            byte[] json = ManifestCodec.toJson(toWrite);
            var sha = Digests.sha256();
            sha.update(json);
            byte[] digest = sha.digest();
            PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(key)
                    .contentType("application/json")
                    .metadata(EvidenceContract.objectMetadata(provenanceOf(toWrite), Digests.hex(digest),
                            EvidenceFormat.MANIFEST, false, null, null))
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(Digests.base64(digest));
            if (ifMatch == null) {
                put.ifNoneMatch("*");
            } else {
                put.ifMatch(ifMatch);
            }
            ObjectUploader.applyEncryption(encryption, put);
            try {
                return s3.putObject(put.build(), RequestBody.fromBytes(json)).versionId();
            } catch (S3Exception e) {
                if (e.statusCode() != 412 && e.statusCode() != 409) {
                    throw S3Errors.describe(e, "write the run manifest to", bucket, key);
                }
            } catch (SdkException e) {
                throw S3Errors.describe(e, "write the run manifest to", bucket, key);
            }
            ResponseBytes<GetObjectResponse> current = read(bucket, key);
            RunManifest existing = ManifestCodec.fromJson(key, current.asByteArray());
            if (manifest.coveredBy(existing)) {
                return current.response().versionId();
            }
            toWrite = manifest.mergedWith(existing);
            ifMatch = current.response().eTag();
        }
        throw new EvidenceException("cannot write the run manifest s3://" + bucket + "/" + key + ": it kept changing"
                + " under concurrent publishes of the same run (" + MAX_ATTEMPTS + " attempts)");
    }

    private ResponseBytes<GetObjectResponse> read(String bucket, String key) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw S3Errors.describe(e, "read the existing run manifest", bucket, key);
        }
    }

    private static io.evidencesync.core.provenance.BuildProvenance provenanceOf(RunManifest manifest) {
        return io.evidencesync.core.provenance.BuildProvenance.fromAttributes(manifest.provenance());
    }
}
