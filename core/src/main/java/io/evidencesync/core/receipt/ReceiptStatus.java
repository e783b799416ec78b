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
    FAILED
}
