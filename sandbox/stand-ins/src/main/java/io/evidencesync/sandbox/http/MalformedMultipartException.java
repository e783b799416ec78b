package io.evidencesync.sandbox.http;

/** A {@code multipart/form-data} body that does not follow RFC 7578 / RFC 2046; the message says where. */
public final class MalformedMultipartException extends Exception {
    public MalformedMultipartException(String message) {
        super(message);
    }
}
