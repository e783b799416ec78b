package io.evidencesync.core;

/**
 * A failure the user can act on. The message names the file, key or setting involved and never contains a secret.
 * Adapters show the message as it is (Jenkins: {@code AbortException}, CLI: exit code 1, Lambda: the log line).
 */
public class EvidenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EvidenceException(String message) {
        super(message);
    }

    public EvidenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
