package io.evidencesync.core.publish;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.s3.S3ErrorMessages;
import io.evidencesync.core.s3.S3Objects;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns S3 failures into messages a pipeline author can act on: what was being done to which bucket or key, what
 * S3 answered, and what to check ({@link S3ErrorMessages#hint}, the one table of hints). Never includes credentials
 * (neither S3's answers nor the SDK's messages carry them).
 */
public final class S3Errors {
    private S3Errors() {
    }

    /**
     * For an SDK client call (the trace command's reads and lists).
     *
     * @param operation the S3 API call, for the permission hint (GetObject, ListObjectsV2, …)
     */
    public static EvidenceException describe(SdkException e, String action, String operation, String bucket, String key) {
        if (e instanceof S3Exception s3) {
            return describe(action, operation, bucket, key, s3.statusCode(),
                    s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode(), e);
        }
        String where = where(bucket, key);
        if (e instanceof SdkClientException && e.getMessage() != null && e.getMessage().contains("credentials")) {
            return new EvidenceException("cannot " + action + " " + where + ": no AWS credentials found (environment,"
                    + " profile, web identity, container or instance role); " + firstLine(e.getMessage()), e);
        }
        return new EvidenceException("cannot " + action + " " + where + ": " + firstLine(e.getMessage()), e);
    }

    /** For an error answer through the {@link S3Objects} port (the publisher's uploads and reads). */
    public static EvidenceException describe(S3Objects.RequestFailedException e, String action, String bucket, String key) {
        return describe(action, e.operation(), bucket, key, e.status(), e.errorCode(), e);
    }

    private static EvidenceException describe(String action, String operation, String bucket, String key, int status,
                                              String code, Throwable cause) {
        String hint = S3ErrorMessages.hint(operation, bucket, key, false, status, code);
        return new EvidenceException("cannot " + action + " " + where(bucket, key) + ": S3 answered "
                + S3ErrorMessages.answer(status, code) + (hint.isEmpty() ? "" : ": " + hint), cause);
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
