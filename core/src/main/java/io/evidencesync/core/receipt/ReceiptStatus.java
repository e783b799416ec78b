package io.evidencesync.core.receipt;

/** Where the bridge is with one object version. */
public enum ReceiptStatus {
    /** An invocation has claimed the object and is uploading it. */
    CLAIMED,
    /** Every proof of the object is in Hyperproof. */
    SYNCED,
    /**
     * The claiming invocation failed and released its claim; the next delivery takes over (and first looks for
     * proofs the failed attempt may have made).
     */
    FAILED,
    /**
     * Not uploaded: a newer version of the same key (by the S3 event sequencer) had been synced before this version's
     * event arrived, so uploading it would have made an older version the proof's newest one. The receipt names the
     * newer version and its proofs; replaying the event without its sequencer uploads it anyway.
     */
    SUPERSEDED
}
