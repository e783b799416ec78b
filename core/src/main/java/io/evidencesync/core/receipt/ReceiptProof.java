package io.evidencesync.core.receipt;

/**
 * One proof the bridge made (or adopted) for an object.
 *
 * @param target            {@code control} or {@code organization}
 * @param controlId         the Hyperproof control UUID, or null for organization-level proof
 * @param controlIdentifier the control's human identifier (e.g. {@code OSPS-QA-07.01} or Hyperproof's own), or null
 * @param proofId           the Hyperproof proof UUID
 * @param proofVersion      the proof version Hyperproof reported
 * @param filename          the proof's name in Hyperproof
 * @param action            {@code created}, {@code versioned} or {@code adopted} (found already uploaded)
 */
public record ReceiptProof(String target, String controlId, String controlIdentifier, String proofId,
                           int proofVersion, String filename, String action) {
    public static final String TARGET_CONTROL = "control";
    public static final String TARGET_ORGANIZATION = "organization";
    public static final String CREATED = "created";
    public static final String VERSIONED = "versioned";
    public static final String ADOPTED = "adopted";

    /** This proof, recorded as adopted: found already made (by an earlier attempt) rather than made now. */
    public ReceiptProof adopted() {
        return new ReceiptProof(target, controlId, controlIdentifier, proofId, proofVersion, filename, ADOPTED);
    }

    /** The routing key: the control UUID, or "organization". */
    public String targetKey() {
        return controlId == null ? TARGET_ORGANIZATION : controlId;
    }
}
