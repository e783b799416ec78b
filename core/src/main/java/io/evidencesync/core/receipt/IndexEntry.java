package io.evidencesync.core.receipt;

/**
 * An index entry the bridge writes under the receipts prefix, so an auditor can start from a build URL or a proof
 * id ({@code EvidenceContract.runIndexKey} / {@code proofIndexKey}).
 *
 * @param schema    {@link ReceiptCodec#INDEX_SCHEMA}
 * @param runUrl    the run URL (run index) or null
 * @param proofId   the proof id (proof index) or null
 * @param bucket    the evidence bucket
 * @param key       the manifest key (run index) or the evidence key the proof was made from (proof index)
 * @param versionId that object's S3 version, or null
 */
public record IndexEntry(String schema, String runUrl, String proofId, String bucket, String key, String versionId) {
    public static IndexEntry run(String runUrl, String bucket, String manifestKey, String versionId) {
        return new IndexEntry(ReceiptCodec.INDEX_SCHEMA, runUrl, null, bucket, manifestKey, versionId);
    }

    public static IndexEntry proof(String proofId, String bucket, String key, String versionId) {
        return new IndexEntry(ReceiptCodec.INDEX_SCHEMA, null, proofId, bucket, key, versionId);
    }
}
