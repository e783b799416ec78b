package io.evidencesync.core.publish;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.contract.ManifestCodec;
import io.evidencesync.core.contract.RunManifest;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.provenance.BuildProvenance;
import io.evidencesync.core.s3.S3Objects;

/**
 * Writes the run manifest after the evidence objects. A run may publish more than once (several steps); the
 * manifest then accumulates: an existing manifest is read and merged, and the write is conditional on the ETag
 * read ({@code If-Match}), so two concurrent publishes of one run cannot lose each other's objects.
 */
final class ManifestWriter {
    private static final int MAX_ATTEMPTS = 5;

    private final S3Objects s3;

    ManifestWriter(S3Objects s3) {
        this.s3 = s3;
    }

    /** Returns the version id of the manifest now in S3 (null on an unversioned bucket). */
    String write(String bucket, String key, RunManifest manifest, Encryption encryption) {
        S3Objects.Precondition precondition = S3Objects.Precondition.ifNoneMatch();
        RunManifest toWrite = manifest;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            byte[] json = ManifestCodec.toJson(toWrite);
            var sha = Digests.sha256();
            sha.update(json);
            byte[] digest = sha.digest();
            try {
                return s3.putBytes(bucket, key, json, Digests.base64(digest), encryption.apply("application/json",
                        EvidenceContract.objectMetadata(BuildProvenance.fromAttributes(toWrite.provenance()),
                                Digests.hex(digest), EvidenceFormat.MANIFEST, false, null, null)), precondition)
                        .versionId();
            } catch (S3Objects.PreconditionFailedException e) {
                // another publish of this run wrote the manifest first: merge with what it wrote
            } catch (S3Objects.RequestFailedException e) {
                throw S3Errors.describe(e, "write the run manifest to", bucket, key);
            }
            S3Objects.SmallObject current = read(bucket, key);
            RunManifest existing = ManifestCodec.fromJson(key, current.body());
            if (manifest.coveredBy(existing)) {
                return current.info().versionId();
            }
            toWrite = manifest.mergedWith(existing);
            precondition = S3Objects.Precondition.ifMatch(current.info().etag());
        }
        throw new EvidenceException("cannot write the run manifest s3://" + bucket + "/" + key + ": it kept changing"
                + " under concurrent publishes of the same run (" + MAX_ATTEMPTS + " attempts)");
    }

    private S3Objects.SmallObject read(String bucket, String key) {
        try {
            return s3.getObjectAsBytes(bucket, key).orElseThrow(() -> new EvidenceException("cannot read the existing"
                    + " run manifest s3://" + bucket + "/" + key + ": S3 refused the conditional write, but the"
                    + " manifest is not there"));
        } catch (S3Objects.RequestFailedException e) {
            throw S3Errors.describe(e, "read the existing run manifest", bucket, key);
        }
    }
}
