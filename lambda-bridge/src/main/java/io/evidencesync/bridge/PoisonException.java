package io.evidencesync.bridge;

import io.evidencesync.core.EvidenceException;

/**
 * The object can never be synced as it is (too big, checksum mismatch, malformed evidence, no contract metadata):
 * the record fails so the operator sees it in the DLQ / on-failure destination, and nothing is uploaded.
 */
final class PoisonException extends EvidenceException {
    private static final long serialVersionUID = 1L;

    PoisonException(String message) {
        super(message);
    }

    PoisonException(String message, Throwable cause) {
        super(message, cause);
    }
}
