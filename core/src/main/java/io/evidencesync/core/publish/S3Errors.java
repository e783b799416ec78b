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
        String where = key == null ? "bucket '" + bucket + "'" : "s3://" + bucket + "/" + key;
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            String hint = switch (code == null ? "" : code) {
                case "NoSuchBucket" -> "the bucket '" + bucket + "' does not exist (check the bucket name, region and endpoint)";
                case "InvalidAccessKeyId", "SignatureDoesNotMatch" ->
                        "S3 rejected the credentials (" + code + "): check the access key id and secret, or the role";
                case "ExpiredToken", "InvalidToken" -> "the session credentials have expired or are invalid (" + code + ")";
                case "AccessDenied" -> "access denied: the credentials need the permission for this call on " + where;
                case "PermanentRedirect", "AuthorizationHeaderMalformed" ->
                        "the bucket '" + bucket + "' is in another region (" + code + "): set the region";
                default -> "S3 answered " + s3.statusCode() + (code == null ? "" : " " + code);
            };
            return new EvidenceException("cannot " + action + " " + where + ": " + hint, e);
        }
        if (e instanceof SdkClientException && e.getMessage() != null && e.getMessage().contains("credentials")) {
            return new EvidenceException("cannot " + action + " " + where + ": no AWS credentials found (environment,"
                    + " profile, web identity, container or instance role); " + firstLine(e.getMessage()), e);
        }
        return new EvidenceException("cannot " + action + " " + where + ": " + firstLine(e.getMessage()), e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
