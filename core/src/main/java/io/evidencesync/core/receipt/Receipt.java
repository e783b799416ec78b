package io.evidencesync.core.receipt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the bridge did with one version of one S3 object, stored as JSON next to the evidence at
 * {@code EvidenceContract.receiptKey(...)}. Its conditional writes are the bridge's idempotency record: a
 * {@link ReceiptStatus#CLAIMED} receipt is created with {@code If-None-Match: *}, then replaced by a
 * {@link ReceiptStatus#SYNCED} one with {@code If-Match} on the claim's ETag.
 *
 * @param schema            {@link ReceiptCodec#SCHEMA}
 * @param status            claimed or synced
 * @param bucket            the evidence bucket
 * @param key               the evidence key
 * @param versionId         the S3 version id, or null on an unversioned bucket
 * @param sha256            hex SHA-256 of the object's bytes (verified against its metadata)
 * @param size              bytes
 * @param lastModified      the object's LastModified, ISO-8601
 * @param sequencer         the {@code s3.object.sequencer} of the S3 event that delivered this version (orders the
 *                          versions of one key, see {@link Sequencers}), or null when the event had none (a replay)
 * @param build             the build link from the object's metadata
 * @param proofs            the proofs made or adopted (empty while claimed)
 * @param previousVersionId the S3 version whose proofs this version was added to (new proof versions), or null
 * @param claimToken        a random token of the invocation that claimed the object
 * @param requestId         the Lambda request id of that invocation
 * @param claimedAt         when it was claimed
 * @param claimExpiresAt    when the claiming invocation's time ran out (its Lambda deadline), or null when unknown
 * @param syncedAt          when it was synced, or null
 * @param error             why the last attempt failed ({@link ReceiptStatus#FAILED}), or null
 * @param supersededBy      for {@link ReceiptStatus#SUPERSEDED}: the newer version synced before this one arrived
 */
public record Receipt(
        String schema,
        ReceiptStatus status,
        String bucket,
        String key,
        String versionId,
        String sha256,
        long size,
        String lastModified,
        String sequencer,
        BuildLink build,
        List<ReceiptProof> proofs,
        String previousVersionId,
        String claimToken,
        String requestId,
        Instant claimedAt,
        Instant claimExpiresAt,
        Instant syncedAt,
        String error,
        Supersession supersededBy) {

    /**
     * The newer version of the same key that made this one superseded.
     *
     * @param versionId its S3 version id
     * @param sequencer its event's sequencer
     * @param proofIds  its proofs (in which this older version was not added as a newer version)
     */
    public record Supersession(String versionId, String sequencer, List<String> proofIds) {
        public Supersession {
            proofIds = proofIds == null ? List.of() : List.copyOf(proofIds);
        }
    }

    /**
     * How long after its invocation's deadline a claim is still respected: covers the clocks of two Lambda hosts,
     * and stays below the minute Lambda waits before retrying an asynchronous invocation.
     */
    public static final Duration CLAIM_EXPIRY_MARGIN = Duration.ofSeconds(30);

    public Receipt {
        proofs = proofs == null ? List.of() : List.copyOf(proofs);
    }

    /** A fresh claim by an invocation whose time runs out at {@code expiresAt} (null: unknown). */
    public static Receipt claim(String bucket, String key, String versionId, String sha256, long size,
                                String lastModified, BuildLink build, String claimToken, String requestId,
                                Instant now, Instant expiresAt) {
        return new Receipt(ReceiptCodec.SCHEMA, ReceiptStatus.CLAIMED, bucket, key, versionId, sha256, size,
                lastModified, null, build, List.of(), null, claimToken, requestId, now, expiresAt, null, null, null);
    }

    /** This receipt for the version delivered by an event with {@code eventSequencer} (null: none). */
    public Receipt withSequencer(String eventSequencer) {
        return new Receipt(schema, status, bucket, key, versionId, sha256, size, lastModified, eventSequencer, build,
                proofs, previousVersionId, claimToken, requestId, claimedAt, claimExpiresAt, syncedAt, error, supersededBy);
    }

    /** This claim, completed. */
    public Receipt synced(List<ReceiptProof> madeProofs, String previous, Instant now) {
        return new Receipt(schema, ReceiptStatus.SYNCED, bucket, key, versionId, sha256, size, lastModified, sequencer,
                build, madeProofs, previous, claimToken, requestId, claimedAt, claimExpiresAt, now, null, null);
    }

    /**
     * This claim, completed without an upload: {@code newer} (a later version of the key, by sequencer) was synced
     * first, so this version must not become the newest version of its proof.
     */
    public Receipt superseded(Receipt newer, Instant now) {
        return new Receipt(schema, ReceiptStatus.SUPERSEDED, bucket, key, versionId, sha256, size, lastModified,
                sequencer, build, List.of(), null, claimToken, requestId, claimedAt, claimExpiresAt, now, null,
                new Supersession(newer.versionId(), newer.sequencer(),
                        newer.proofs().stream().map(ReceiptProof::proofId).toList()));
    }

    /** This claim, released after a failure; {@code partial} lists proofs made before it. */
    public Receipt failed(List<ReceiptProof> partial, String previous, String reason) {
        return new Receipt(schema, ReceiptStatus.FAILED, bucket, key, versionId, sha256, size, lastModified, sequencer,
                build, partial, previous, claimToken, requestId, claimedAt, claimExpiresAt, null, reason, null);
    }

    public boolean isSynced() {
        return status == ReceiptStatus.SYNCED;
    }


    /**
     * True for a claim whose invocation has certainly ended: it is past {@link #claimStaleAfter}.
     */
    public boolean isStaleClaim(Instant now, Duration staleAfter) {
        if (status != ReceiptStatus.CLAIMED) {
            return false;
        }
        Instant stale = claimStaleAfter(staleAfter);
        return stale == null || stale.isBefore(now);
    }

    /** True for a claim whose invocation may still be running: not yet past {@link #claimStaleAfter}. */
    public boolean isFreshClaim(Instant now, Duration staleAfter) {
        return status == ReceiptStatus.CLAIMED && !isStaleClaim(now, staleAfter);
    }

    /**
     * The moment after which this claim's invocation has certainly ended: {@link #CLAIM_EXPIRY_MARGIN} past its
     * recorded deadline, or {@code staleAfter} past the claim, whichever comes first; null when the claim records
     * no time at all (stale at once).
     */
    public Instant claimStaleAfter(Duration staleAfter) {
        if (claimedAt == null) {
            return null;
        }
        Instant byAge = claimedAt.plus(staleAfter);
        if (claimExpiresAt == null) {
            return byAge;
        }
        Instant byDeadline = claimExpiresAt.plus(CLAIM_EXPIRY_MARGIN);
        return byDeadline.isBefore(byAge) ? byDeadline : byAge;
    }
}
