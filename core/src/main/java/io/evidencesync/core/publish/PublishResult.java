package io.evidencesync.core.publish;

import java.util.List;

/**
 * What a publish did.
 *
 * @param bucket            the bucket
 * @param objects           every evidence object, sorted by key
 * @param manifestKey       the run manifest's key, or null when nothing was published
 * @param manifestVersionId the manifest's S3 version id, or null
 * @param dryRun            true when nothing was written
 */
public record PublishResult(String bucket, List<PublishedObject> objects, String manifestKey, String manifestVersionId,
                            boolean dryRun) {
    public PublishResult {
        objects = List.copyOf(objects);
    }

    /** The {@code s3://bucket/key} URI of a key in this result's bucket. */
    public String s3Uri(String key) {
        return "s3://" + bucket + "/" + key;
    }
}
