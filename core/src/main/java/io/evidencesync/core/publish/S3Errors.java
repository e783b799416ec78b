package io.evidencesync.core.publish;

import io.evidencesync.core.EvidenceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns S3 failures into messages a pipeline author can act on: which bucket or key, what S3 said, and what to
 * check. Never includes credentials (the SDK's messages do not carry them either).
 */
public final class S3Errors {
    private S3Errors() {
    }

    public static EvidenceException describe(SdkException e, String action, String bucket, String key) {
        if (e instanceof S3Exception s3) {
            return describe(s3.statusCode(), s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode(),
                    action, bucket, key, e);
        }
        String where = where(bucket, key);
        if (e instanceof SdkClientException && e.getMessage() != null && e.getMessage().contains("credentials")) {
            return new EvidenceException("cannot " + action + " " + where + ": no AWS credentials found (environment,"
                    + " profile, web identity, container or instance role); " + firstLine(e.getMessage()), e);
        }
        return new EvidenceException("cannot " + action + " " + where + ": " + firstLine(e.getMessage()), e);
    }

    /**
     * The same, for an error answer S3 gave to a request sent without the SDK client ({@code core.s3.SignedS3}).
     *
     * @param code S3's error code, or null
     */
    public static EvidenceException describe(int status, String code, String action, String bucket, String key,
                                             Throwable cause) {
        String where = where(bucket, key);
        String hint = switch (code == null ? "" : code) {
            case "NoSuchBucket" -> "the bucket '" + bucket + "' does not exist (check the bucket name, region and endpoint)";
            case "InvalidAccessKeyId", "SignatureDoesNotMatch" ->
                    "S3 rejected the credentials (" + code + "): check the access key id and secret, or the role";
            case "ExpiredToken", "InvalidToken" -> "the session credentials have expired or are invalid (" + code + ")";
            case "AccessDenied" -> "access denied: the credentials need the permission for this call on " + where;
            case "PermanentRedirect", "AuthorizationHeaderMalformed" ->
                    "the bucket '" + bucket + "' is in another region (" + code + "): set the region";
            default -> "S3 answered " + status + (code == null ? "" : " " + code);
            };
        return new EvidenceException("cannot " + action + " " + where + ": " + hint, cause);
    }

    private static String where(String bucket, String key) {
        return key == null ? "bucket '" + bucket + "'" : "s3://" + bucket + "/" + key;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
