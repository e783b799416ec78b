package io.evidencesync.sandbox.ssm;

/**
 * An error answer in the JSON 1.1 protocol: HTTP status plus {@code {"__type": type, "message": ...}}, which the
 * SDK maps to a typed exception by {@code __type} (e.g. {@code ParameterNotFound} to {@code ParameterNotFoundException}).
 */
final class SsmException extends Exception {
    private final int status;
    private final String type;

    SsmException(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    static SsmException validation(String message) {
        return new SsmException(400, "ValidationException", message);
    }

    static SsmException serialization(String message) {
        return new SsmException(400, "SerializationException", message);
    }

    static SsmException invalidSignature(String message) {
        return new SsmException(400, "InvalidSignatureException", message);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
