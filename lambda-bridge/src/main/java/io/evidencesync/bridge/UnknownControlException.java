package io.evidencesync.bridge;

import io.evidencesync.core.EvidenceException;

/**
 * Hyperproof has no control with the identifier the evidence (or the configuration) names: the object cannot be
 * routed until the control or the mapping changes, so it is poison. Only this, of the failures met while resolving
 * a control, is: SSM or Hyperproof being unavailable is not.
 */
final class UnknownControlException extends EvidenceException {
    private static final long serialVersionUID = 1L;

    UnknownControlException(String message) {
        super(message);
    }
}
