package io.evidencesync.cli;

/**
 * The command line (or an action input) is wrong: a missing or malformed setting. Exits with
 * {@link EvidenceSyncCli#USAGE}; the message names the option and, where one exists, the action input.
 */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
