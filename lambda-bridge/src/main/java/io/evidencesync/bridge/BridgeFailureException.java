package io.evidencesync.bridge;

/** Fails a direct invocation so Lambda retries the event; the message says which object failed and why. */
public final class BridgeFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BridgeFailureException(String message) {
        super(message);
    }
}
