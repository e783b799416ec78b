package io.evidencesync.core.evidence;

import io.evidencesync.core.EvidenceException;

/** A file is not valid evidence: the message names the file and, for malformed JSON, the line and column. */
public class InvalidEvidenceException extends EvidenceException {
    private static final long serialVersionUID = 1L;

    private final String file;

    public InvalidEvidenceException(String file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public InvalidEvidenceException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    /** The file (display name) that was refused. */
    public String file() {
        return file;
    }
}
