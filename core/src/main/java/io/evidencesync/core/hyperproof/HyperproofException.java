package io.evidencesync.core.hyperproof;

import io.evidencesync.core.EvidenceException;

/**
 * A Hyperproof call failed. {@link #status()} is the HTTP status, or 0 when no response arrived (timeout, dropped
 * connection); {@link #retryable()} says whether trying again later can help. Messages never contain credentials
 * or tokens.
 */
public class HyperproofException extends EvidenceException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final boolean retryable;

    public HyperproofException(String message, int status, boolean retryable) {
        super(message);
        this.status = status;
        this.retryable = retryable;
    }

    public HyperproofException(String message, int status, boolean retryable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }
}
