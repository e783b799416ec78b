package io.evidencesync.sandbox.notify;

import java.util.Objects;

/**
 * The parts of an S3 event that describe the account and the notification rule rather than the object.
 *
 * @param region                 {@code awsRegion}
 * @param bucketOwnerPrincipalId {@code s3.bucket.ownerIdentity.principalId}
 * @param requesterPrincipalId   {@code userIdentity.principalId}, e.g. {@code AWS:AIDA...} for an IAM user
 * @param sourceIpAddress        {@code requestParameters.sourceIPAddress}
 * @param configurationId        {@code s3.configurationId}, the notification configuration's id
 */
public record S3NotificationSettings(String region, String bucketOwnerPrincipalId, String requesterPrincipalId,
        String sourceIpAddress, String configurationId) {

    public S3NotificationSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucketOwnerPrincipalId, "bucketOwnerPrincipalId");
        Objects.requireNonNull(requesterPrincipalId, "requesterPrincipalId");
        Objects.requireNonNull(sourceIpAddress, "sourceIpAddress");
        Objects.requireNonNull(configurationId, "configurationId");
    }

    /** {@code us-east-1}, sandbox principals, {@code 127.0.0.1}, configuration {@code evidence-object-created}. */
    public static S3NotificationSettings defaults() {
        return new S3NotificationSettings("us-east-1", "A1SANDBOXOWNER", "AWS:AIDASANDBOXUPLOADER", "127.0.0.1",
                "evidence-object-created");
    }

    public S3NotificationSettings withRegion(String newRegion) {
        return new S3NotificationSettings(newRegion, bucketOwnerPrincipalId, requesterPrincipalId, sourceIpAddress, configurationId);
    }
}
