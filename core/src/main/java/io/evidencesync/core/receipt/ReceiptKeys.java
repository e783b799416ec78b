package io.evidencesync.core.receipt;

import io.evidencesync.core.contract.EvidenceContract;

/**
 * Receipt keys: one per object version ({@link EvidenceContract#receiptKey}) and one "latest" receipt per key,
 * a copy of the newest synced version's receipt, through which a new S3 version finds the proofs to version.
 */
public final class ReceiptKeys {
    /**
     * The latest receipt's name. {@code @} never occurs in a version segment ({@code KeyEncoding} escapes it), so it
     * cannot collide with a version's receipt.
     */
    public static final String LATEST_NAME = "@latest.json";

    /**
     * The lock a run manifest's version takes before it creates the key's first proofs, so that two versions of a new
     * manifest processed at once do not each create one; same escaping argument as {@link #LATEST_NAME}.
     */
    public static final String FIRST_PROOF_NAME = "@first-proof.json";

    private ReceiptKeys() {
    }

    public static String firstProofKey(String receiptsPrefix, String evidenceKey) {
        return EvidenceContract.normalizePrefix(receiptsPrefix) + evidenceKey + '/' + FIRST_PROOF_NAME;
    }

    public static String versionKey(String receiptsPrefix, String evidenceKey, String versionId) {
        return EvidenceContract.receiptKey(receiptsPrefix, evidenceKey, versionId);
    }

    public static String latestKey(String receiptsPrefix, String evidenceKey) {
        return EvidenceContract.normalizePrefix(receiptsPrefix) + evidenceKey + '/' + LATEST_NAME;
    }
}
