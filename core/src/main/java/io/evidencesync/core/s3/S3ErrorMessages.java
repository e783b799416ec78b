package io.evidencesync.core.s3;

import io.evidencesync.core.EvidenceException;

/**
 * Messages for failed S3 requests that an operator can act on: the operation, bucket and key, the HTTP status and
 * S3's error code, and for 403 the IAM permission the call needs. Built only from the request's names and S3's
 * {@code <Code>}: never from headers, so no credential, token or signature can end up in a message or a log line.
 */
final class S3ErrorMessages {
    private S3ErrorMessages() {
    }

    static S3Objects.RequestFailedException failed(S3Request request, int status, String code) {
        String answer = "HTTP " + status + (code == null ? "" : " " + code);
        return new S3Objects.RequestFailedException("S3 " + request.operation() + " of " + request.where() + " failed: "
                + answer + hint(request, status, code == null ? "" : code), status, code);
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

    private static String hint(S3Request request, int status, String code) {
        return switch (code) {
            case "InvalidAccessKeyId", "SignatureDoesNotMatch" ->
                    ": S3 rejected the credentials; check the role (or the access key pair)";
            case "ExpiredToken", "InvalidToken", "TokenRefreshRequired" ->
                    ": the session credentials have expired or are invalid";
            case "RequestTimeTooSkewed" -> ": the clock of this machine is off";
            case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException" ->
                    ": the bucket '" + request.bucket() + "' is in another region than the configured one (AWS_REGION)";
            case "NoSuchBucket" -> ": the bucket '" + request.bucket() + "' does not exist (check the name, region and"
                    + " endpoint)";
            case "NoSuchKey", "NoSuchVersion" -> ": the object (version) does not exist";
            default -> status == 403 ? ": access denied; the role needs " + permission(request)
                    + " on arn:aws:s3:::" + request.bucket() + "/" + request.key() + kms(request) : "";
        };
    }

    private static String permission(S3Request request) {
        return switch (request.operation()) {
            case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" -> "s3:PutObject";
            case "AbortMultipartUpload" -> "s3:AbortMultipartUpload";
            default -> request.versionId() != null ? "s3:GetObjectVersion"
                    : "s3:GetObject (and s3:ListBucket on the prefix, without which S3 answers 403 for a missing key)";
        };
    }

    private static String kms(S3Request request) {
        return writes(request)
                ? " (and kms:GenerateDataKey on the bucket's key with SSE-KMS)"
                : " (and kms:Decrypt on the bucket's key with SSE-KMS)";
    }

    private static boolean writes(S3Request request) {
        return switch (request.operation()) {
            case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" -> true;
            default -> false;
        };
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
