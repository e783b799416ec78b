package io.evidencesync.core.s3;

import io.evidencesync.core.EvidenceException;

/**
 * Messages for failed S3 requests that an operator can act on: the operation, bucket and key, the HTTP status and
 * S3's error code, and for 403 the IAM permission the call needs. Built only from the request's names and S3's
 * {@code <Code>}: never from headers, so no credential, token or signature can end up in a message or a log line.
 */
public final class S3ErrorMessages {
    private S3ErrorMessages() {
    }

    static S3Objects.RequestFailedException failed(S3Request request, int status, String code) {
        String hint = hint(request.operation(), request.bucket(), request.key(), request.versionId() != null, status,
                code);
        return new S3Objects.RequestFailedException("S3 " + request.operation() + " of " + request.where() + " failed: "
                + answer(status, code) + (hint.isEmpty() ? "" : ": " + hint), request.operation(), status, code);
    }

    /** {@code HTTP 403 AccessDenied}: the status and S3's code, when it gave one. */
    public static String answer(int status, String code) {
        return "HTTP " + status + (code == null ? "" : " " + code);
    }

    /**
     * What to check after S3 answered {@code status} / {@code code} to {@code operation} on the object: the one table
     * of hints, for the bridge's messages, the publisher's and the trace command's. Empty when there is none to give.
     *
     * @param versioned whether a particular version was asked for
     */
    public static String hint(String operation, String bucket, String key, boolean versioned, int status, String code) {
        return switch (code == null ? "" : code) {
            case "InvalidAccessKeyId", "SignatureDoesNotMatch" ->
                    "S3 rejected the credentials; check the role (or the access key pair)";
            case "ExpiredToken", "InvalidToken", "TokenRefreshRequired" ->
                    "the session credentials have expired or are invalid";
            case "RequestTimeTooSkewed" -> "the clock of this machine is off";
            case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException" ->
                    "the bucket '" + bucket + "' is in another region than the configured one (AWS_REGION)";
            case "NoSuchBucket" -> "the bucket '" + bucket + "' does not exist (check the name, region and endpoint)";
            case "NoSuchKey", "NoSuchVersion" -> "the object (version) does not exist";
            default -> status == 403 ? "access denied; the role needs " + permission(operation, versioned)
                    + " on arn:aws:s3:::" + bucket + ("ListObjectsV2".equals(operation) ? "" : "/" + key)
                    + kms(operation) : "";
        };
    }

    static EvidenceException unreachable(S3Request request, int attempts, Exception cause) {
        return new EvidenceException("S3 " + request.operation() + " of " + request.where() + " failed: no response"
                + " after " + attempts + " attempt(s): " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + firstLine(cause.getMessage())), cause);
    }

    /** The S3 {@code <Code>} of an XML error body, or null. */
    static String errorCode(String body) {
        int start = body.indexOf("<Code>");
        int end = start < 0 ? -1 : body.indexOf("</Code>", start);
        if (end < 0) {
            return null;
        }
        String code = body.substring(start + "<Code>".length(), end).strip();
        return code.matches("[A-Za-z0-9.]{1,64}") ? code : null;
    }

    private static String permission(String operation, boolean versioned) {
        return switch (operation) {
            case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" -> "s3:PutObject";
            case "AbortMultipartUpload" -> "s3:AbortMultipartUpload";
            case "ListObjectsV2" -> "s3:ListBucket";
            case "ListObjectVersions" -> "s3:ListBucketVersions";
            default -> versioned ? "s3:GetObjectVersion"
                    : "s3:GetObject (and s3:ListBucket on the prefix, without which S3 answers 403 for a missing key)";
        };
    }

    private static String kms(String operation) {
        return operation.startsWith("List") ? "" : writes(operation)
                ? " (and kms:GenerateDataKey on the bucket's key with SSE-KMS)"
                : " (and kms:Decrypt on the bucket's key with SSE-KMS)";
    }

    private static boolean writes(String operation) {
        return switch (operation) {
            case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" -> true;
            default -> false;
        };
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
