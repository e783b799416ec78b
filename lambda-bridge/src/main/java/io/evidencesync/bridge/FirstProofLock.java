package io.evidencesync.bridge;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.receipt.Receipt;
import io.evidencesync.core.receipt.ReceiptKeys;
import io.evidencesync.core.receipt.ReceiptProof;
import io.evidencesync.core.receipt.ReceiptStatus;

/**
 * The lock a run manifest's version holds while it makes the key's first proofs. A manifest is rewritten by every
 * publish step and matrix job of its run, often seconds apart, so two of its versions may be processed at once
 * while the key has no proof yet, and each would create one. The version that takes the lock
 * ({@code {receipts}/{key}/@first-proof.json}, created with {@code If-None-Match}) makes the proofs; another version
 * fails for a retry while the lock is a fresh claim. The holder leaves its outcome in the lock when it is done or
 * fails; a version that then finds the lock released or stale takes it over and inherits the proofs its holder made,
 * becoming their next version instead of making new ones.
 */
final class FirstProofLock {
    /** The lock as taken: its ETag, and the proofs (by target key) and version inherited from an earlier holder. */
    record Held(String key, String etag, Map<String, ReceiptProof> inherited, String inheritedVersion) {
    }

    private final ReceiptStore receipts;
    private final String receiptsPrefix;
    private final Duration staleAfter;
    private final Clock clock;

    /** @param staleAfter when a claim recording no deadline is stale ({@code CLAIM_STALE_AFTER_SECONDS}) */
    FirstProofLock(ReceiptStore receipts, String receiptsPrefix, Duration staleAfter, Clock clock) {
        this.receipts = receipts;
        this.receiptsPrefix = receiptsPrefix;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /** @throws EvidenceException (retryable) while another version holds a fresh lock */
    Held take(String bucket, String key, ObjectRef ref, Receipt claim) {
        String lockKey = ReceiptKeys.firstProofKey(receiptsPrefix, key);
        try {
            return new Held(lockKey, receipts.create(bucket, lockKey, claim), Map.of(), null);
        } catch (ReceiptStore.ConflictException e) {
            // held: by an earlier attempt at this version, by another version, or left by one that finished
        }
        ReceiptStore.Stored held = receipts.read(bucket, lockKey).orElseThrow(() -> new EvidenceException(
                "the first-proof lock " + lockKey + " was taken and then removed; retrying later"));
        Receipt holder = held.receipt();
        boolean otherVersion = !Objects.equals(holder.versionId(), ref.versionId());
        if (otherVersion && holder.isFreshClaim(clock.instant(), staleAfter)) {
            throw new EvidenceException("version " + holder.versionId() + " of this manifest (request "
                    + holder.requestId() + ", since " + holder.claimedAt() + ") is creating its first proofs; this"
                    + " version is retried later and then becomes their next version, so that the manifest gets one"
                    + " proof per control, not one per version");
        }
        Map<String, ReceiptProof> inherited = otherVersion ? proofsOf(bucket, key, holder) : Map.of();
        try {
            return new Held(lockKey, receipts.replace(bucket, lockKey, claim, held.etag()), inherited,
                    inherited.isEmpty() ? null : holder.versionId());
        } catch (ReceiptStore.ConflictException e) {
            throw new EvidenceException("another version of this manifest took its first-proof lock at the same"
                    + " moment; retrying later");
        }
    }

    /** Leaves the holder's outcome (synced, or failed with the proofs it made) in the lock; best effort. */
    void release(String bucket, Held held, Receipt outcome) {
        try {
            receipts.replace(bucket, held.key(), outcome, held.etag());
        } catch (RuntimeException ignored) {
            // the lock then goes stale like a claim, and the next version reads the holder's own receipt
        }
    }

    /** The proofs an earlier holder made, from its version's receipt (synced, or failed part-way). */
    private Map<String, ReceiptProof> proofsOf(String bucket, String key, Receipt holder) {
        Optional<ReceiptStore.Stored> receipt = receipts.read(bucket,
                ReceiptKeys.versionKey(receiptsPrefix, key, holder.versionId()));
        Map<String, ReceiptProof> byTarget = new LinkedHashMap<>();
        receipt.map(ReceiptStore.Stored::receipt)
                .filter(r -> r.status() == ReceiptStatus.SYNCED || r.status() == ReceiptStatus.FAILED)
                .ifPresent(r -> r.proofs().forEach(proof -> byTarget.putIfAbsent(proof.targetKey(), proof)));
        return byTarget;
    }
}
