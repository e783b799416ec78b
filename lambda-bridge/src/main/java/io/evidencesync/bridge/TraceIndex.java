package io.evidencesync.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.contract.EvidenceMetadata;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.receipt.IndexEntry;
import io.evidencesync.core.receipt.Receipt;
import io.evidencesync.core.receipt.ReceiptProof;

/**
 * Writes the entries that let an auditor start a trace from a Hyperproof proof id or a build URL: one per proof
 * made, and, for a run manifest, one per run URL (for GitHub also without {@code /attempts/n}, so the run's page
 * finds every attempt). The entries are independent and written concurrently. Derived data: a failure is reported in
 * the object's log line, never fails the object.
 */
final class TraceIndex {
    private final ReceiptStore store;
    private final String receiptsPrefix;
    private final Executor io;

    /** @param io runs the S3 writes (one task per entry) */
    TraceIndex(ReceiptStore store, String receiptsPrefix, Executor io) {
        this.store = store;
        this.receiptsPrefix = receiptsPrefix;
        this.io = io;
    }

    /** Returns null when every entry was written, else a note for the log. */
    String write(String bucket, Receipt synced, EvidenceMetadata metadata) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (ReceiptProof proof : synced.proofs()) {
            writes.add(put(bucket, EvidenceContract.proofIndexKey(receiptsPrefix, proof.proofId()),
                    IndexEntry.proof(proof.proofId(), bucket, synced.key(), synced.versionId())));
        }
        if (metadata.format() == EvidenceFormat.MANIFEST) {
            for (String runUrl : EvidenceContract.indexedRunUrls(metadata.runUrl())) {
                writes.add(put(bucket, EvidenceContract.runIndexKey(receiptsPrefix, runUrl, synced.key()),
                        IndexEntry.run(runUrl, bucket, synced.key(), synced.versionId())));
            }
        }
        String note = null;
        for (CompletableFuture<Void> write : writes) {
            try {
                Concurrently.join(write);
            } catch (EvidenceException e) {
                note = note != null ? note : "synced, but the trace index was not written: " + e.getMessage();
            }
        }
        return note;
    }

    private CompletableFuture<Void> put(String bucket, String key, IndexEntry entry) {
        return CompletableFuture.runAsync(() -> store.putIndex(bucket, key, entry), io);
    }
}
