package io.evidencesync.bridge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.contract.EvidenceMetadata;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.hyperproof.Deadline;
import io.evidencesync.core.hyperproof.HyperproofClient;
import io.evidencesync.core.hyperproof.HyperproofException;
import io.evidencesync.core.hyperproof.Proof;
import io.evidencesync.core.hyperproof.ProofUpload;
import io.evidencesync.core.hyperproof.UploadResult;
import io.evidencesync.core.receipt.BuildLink;
import io.evidencesync.core.receipt.Receipt;
import io.evidencesync.core.receipt.ReceiptKeys;
import io.evidencesync.core.receipt.ReceiptProof;
import io.evidencesync.core.receipt.ReceiptStatus;
import io.evidencesync.core.receipt.Sequencers;

/**
 * Syncs one object version to Hyperproof exactly once per target control, although S3 delivers events at least once
 * and sometimes concurrently:
 * <ol>
 * <li>skip objects outside {@code ALLOWED_BUCKETS} and under the receipts prefix; a synced receipt means duplicate
 * (read before the body only for objects of {@link #READ_RECEIPT_FIRST_FROM_BYTES} or more; smaller ones find it
 * through the claim);</li>
 * <li>read the contract metadata from the GetObject's headers and claim the version by creating a "claimed"
 * receipt with {@code If-None-Match: *}; a fresh claim of another invocation fails the record (retried later), a
 * stale or released one is taken over;</li>
 * <li>while the claim is written: spool the body, hash it on a second thread, parse and route it, then verify the
 * SHA-256 against the metadata (meanwhile the key's latest receipt is read); a failure here releases the claim as
 * a "failed" receipt naming the reason, and uploads nothing;</li>
 * <li>upload one proof per target (a new version of the previous S3 version's proof when the "latest" receipt has
 * one); after a takeover, look for each proof first and adopt it, so a crash between upload and receipt never
 * doubles a proof;</li>
 * <li>an event older (by its S3 sequencer) than the version the key's "latest" receipt reflects is not uploaded:
 * its claim becomes a "superseded" receipt naming the newer version and its proofs;</li>
 * <li>replace the claim with the "synced" receipt ({@code If-Match} the claim's ETag), while "latest" and the trace
 * index entries are written side by side with it.</li>
 * </ol>
 */
final class ObjectSync {
    /**
     * Below this size a redelivered object is recognised by the claim (whose conflict reads the receipt), which
     * saves every first delivery a receipt read; from it, the receipt is read before the body is.
     */
    static final long READ_RECEIPT_FIRST_FROM_BYTES = 1024 * 1024;
    /** The longest a Lambda invocation runs. */
    static final Duration LAMBDA_MAX_TIMEOUT = Duration.ofMinutes(15);

    private final BridgeConfig config;
    private final ObjectSpooler spooler;
    private final ReceiptStore receipts;
    private final TraceIndex index;
    private final Executor calls;
    private final RoutePlanner planner;
    private final ControlResolver resolver;
    private final HyperproofClient hyperproof;
    private final Clock clock;
    private final Supplier<String> claimTokens;
    private final FirstProofLock firstProofs;

    /** @param calls runs the S3 calls that do not depend on each other side by side (see {@link Concurrently}) */
    ObjectSync(BridgeConfig config, ObjectSpooler spooler, ReceiptStore receipts, TraceIndex index, RoutePlanner planner,
               ControlResolver resolver, HyperproofClient hyperproof, Clock clock, Supplier<String> claimTokens,
               Executor calls) {
        this.config = config;
        this.spooler = spooler;
        this.receipts = receipts;
        this.index = index;
        this.calls = calls;
        this.planner = planner;
        this.resolver = resolver;
        this.hyperproof = hyperproof;
        this.clock = clock;
        this.claimTokens = claimTokens;
        this.firstProofs = new FirstProofLock(receipts, config.receiptsPrefix(), config.staleClaimAfter(), clock);
    }

    Outcome process(ObjectRef ref, Invocation invocation) {
        long started = clock.millis();
        Progress progress = new Progress();
        try {
            return sync(ref, invocation, progress, started);
        } catch (PoisonException e) {
            return failed(ref, progress, "poison: " + e.getMessage(), false, started);
        } catch (HyperproofException e) {
            return failed(ref, progress, e.getMessage(), e.retryable(), started);
        } catch (EvidenceException e) {
            return failed(ref, progress, e.getMessage(), true, started);
        } catch (RuntimeException e) {
            return failed(ref, progress, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage(), true, started);
        }
    }

    /** What is known so far, for the log line of a failure. */
    private static final class Progress {
        String buildUrl;
        List<String> controls = List.of();
        final List<String> proofIds = new ArrayList<>();
    }

    private Outcome sync(ObjectRef ref, Invocation invocation, Progress progress, long started) {
        String bucket = ref.bucket();
        String key = ref.key();
        if (!config.bucketAllowed(bucket)) {
            return outcome(Outcome.Status.SKIPPED, ref, progress, "bucket '" + bucket + "' is not in "
                    + BridgeConfig.ALLOWED_BUCKETS, started);
        }
        if (EvidenceContract.isReceiptKey(config.receiptsPrefix(), key)) {
            return outcome(Outcome.Status.SKIPPED, ref, progress, "the key is under the receipts prefix '"
                    + config.receiptsPrefix() + "' (the bridge never processes its own receipts; narrow the S3"
                    + " notification filter to the evidence prefix)", started);
        }
        if (key.endsWith("/")) {
            return outcome(Outcome.Status.SKIPPED, ref, progress, "a folder marker, not evidence", started);
        }
        String receiptKey = ReceiptKeys.versionKey(config.receiptsPrefix(), key, ref.versionId());
        String latestKey = ReceiptKeys.latestKey(config.receiptsPrefix(), key);
        // the key's latest receipt (for the previous version's proofs) is read while the object is
        CompletableFuture<Optional<ReceiptStore.Stored>> latestRead = read(bucket, latestKey);
        ObjectSpooler.Opened opened;
        try {
            opened = spooler.open(bucket, key, ref.versionId());
        } catch (RuntimeException e) {
            // a synced version may have been deleted since (a late duplicate): its receipt still answers
            return duplicateOrThrow(e, ref, receiptKey, progress, started);
        }
        try (opened) {
            boolean receiptRead = opened.contentLength() >= READ_RECEIPT_FIRST_FROM_BYTES;
            if (receiptRead) {
                Outcome done = alreadyDone(ref, receipts.read(bucket, receiptKey), progress, started);
                if (done != null) {
                    return done; // a large duplicate's body is never read
                }
            }
            EvidenceMetadata metadata;
            try {
                metadata = contractMetadata(key, opened.info().metadata(), progress);
            } catch (PoisonException e) {
                if (receiptRead) {
                    throw e;
                }
                return duplicateOrThrow(e, ref, receiptKey, progress, started);
            }
            // the claim, made from the response headers, is written while the body is read, checked and routed
            Receipt claim = claimReceipt(ref, invocation, metadata, opened.contentLength(), opened.info().lastModified());
            CompletableFuture<Claim> claiming = CompletableFuture.supplyAsync(() -> claim(bucket, receiptKey, claim), calls);
            SpooledObject spooled;
            try {
                spooled = spooler.spool(opened);
            } catch (RuntimeException e) {
                return abandonClaim(claiming, e, ref, receiptKey, claim, progress, started);
            }
            try (SpooledObject object = spooled) {
                List<Target> targets;
                try {
                    targets = resolve(verifiedRoute(bucket, key, metadata, object, claim.size()), invocation.deadline());
                } catch (RuntimeException e) {
                    return abandonClaim(claiming, e, ref, receiptKey, claim, progress, started);
                }
                progress.controls = targets.stream().map(Target::label).toList();
                Claim claimed = Concurrently.join(claiming);
                if (claimed.duplicateOf() != null) {
                    return duplicate(ref, claimed.duplicateOf(), progress, started);
                }
                return sync(ref, invocation, progress, started, receiptKey, latestRead, object, metadata, targets,
                        claim, claimed);
            }
        }
    }

    /**
     * The object could not be synced after the claim was sent: a duplicate of a synced version stays a duplicate
     * (even when its route no longer resolves); a claim of ours is released as a failed receipt naming the reason,
     * so that poison leaves a record and a retry takes the claim over at once.
     */
    private Outcome abandonClaim(CompletableFuture<Claim> claiming, RuntimeException failure, ObjectRef ref,
                                 String receiptKey, Receipt claim, Progress progress, long started) {
        Claim claimed;
        try {
            claimed = Concurrently.join(claiming);
        } catch (RuntimeException claimFailure) {
            failure.addSuppressed(claimFailure);
            throw failure;
        }
        if (claimed.duplicateOf() != null) {
            return duplicate(ref, claimed.duplicateOf(), progress, started);
        }
        release(ref.bucket(), receiptKey, claimed.etag(),
                claim.failed(claimed.withMadeBefore(List.of()), null, String.valueOf(failure.getMessage())));
        throw failure;
    }

    private Receipt claimReceipt(ObjectRef ref, Invocation invocation, EvidenceMetadata metadata, long size,
                                 Instant lastModified) {
        Instant now = clock.instant();
        long remaining = invocation.deadline().remainingMillis();
        // the invocation's deadline, past which a retry may take the claim over (a Lambda runs 15 minutes at most;
        // without a deadline, e.g. run in-process, only CLAIM_STALE_AFTER_SECONDS applies)
        Instant expiresAt = remaining <= LAMBDA_MAX_TIMEOUT.toMillis() ? now.plusMillis(Math.max(0, remaining)) : null;
        return Receipt.claim(ref.bucket(), ref.key(), ref.versionId(), metadata.sha256(), size,
                lastModified == null ? null : lastModified.toString(),
                new BuildLink(metadata.runUrl(), metadata.manifestKey(), metadata.ciSystem(),
                        metadata.pipelineName(), metadata.runId(), metadata.runAttempt(), metadata.revision()),
                claimTokens.get(), invocation.requestId(), now, expiresAt).withSequencer(ref.sequencer());
    }

    private static EvidenceMetadata contractMetadata(String key, Map<String, String> headers, Progress progress) {
        EvidenceMetadata metadata;
        try {
            metadata = EvidenceContract.readMetadata(key, headers);
        } catch (EvidenceException e) {
            throw new PoisonException(e.getMessage(), e);
        }
        progress.buildUrl = metadata.runUrl();
        return metadata;
    }

    /**
     * Parses the copy for routing while its SHA-256 is computed, then checks the bytes; a mismatch is reported
     * before what the parse found, since the parse read bytes that are not the published ones.
     */
    private Route verifiedRoute(String bucket, String key, EvidenceMetadata metadata, SpooledObject object,
                                long announcedSize) {
        Route route = null;
        RuntimeException unparsable = null;
        try {
            route = planner.plan(bucket, key, metadata, object);
        } catch (RuntimeException e) {
            unparsable = e;
        }
        verify(object, metadata, announcedSize);
        if (unparsable != null) {
            throw unparsable;
        }
        return route;
    }

    /** The bytes read must be those the headers announced: the contract's SHA-256 and S3's Content-Length. */
    private static void verify(SpooledObject object, EvidenceMetadata metadata, long announcedSize) {
        if (!metadata.sha256().equals(object.sha256())) {
            throw new PoisonException("SHA-256 mismatch: the metadata says " + metadata.sha256()
                    + " but the bytes read hash to " + object.sha256() + "; nothing was uploaded");
        }
        if (object.size() != announcedSize) {
            throw new EvidenceException("S3 announced " + announcedSize + " bytes but sent " + object.size());
        }
    }

    /** After {@code failure}: a duplicate when the version's receipt says synced, else the failure. */
    private Outcome duplicateOrThrow(RuntimeException failure, ObjectRef ref, String receiptKey, Progress progress,
                                     long started) {
        Optional<ReceiptStore.Stored> existing;
        try {
            existing = receipts.read(ref.bucket(), receiptKey);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            throw failure;
        }
        Outcome done = alreadyDone(ref, existing, progress, started);
        if (done != null) {
            return done;
        }
        throw failure;
    }

    /** Duplicate when the version's receipt says synced; fails the delivery while another invocation holds a fresh claim. */
    private Outcome alreadyDone(ObjectRef ref, Optional<ReceiptStore.Stored> existing, Progress progress, long started) {
        if (existing.isPresent() && ref.versionId() != null) {
            Receipt receipt = existing.get().receipt();
            if (isDone(receipt, ref.sequencer())) {
                return duplicate(ref, receipt, progress, started);
            }
            if (isFreshClaim(receipt)) {
                throw inFlight(receipt);
            }
        }
        return null;
    }

    private Outcome sync(ObjectRef ref, Invocation invocation, Progress progress, long started, String receiptKey,
                         CompletableFuture<Optional<ReceiptStore.Stored>> latestRead, SpooledObject object,
                         EvidenceMetadata metadata, List<Target> targets, Receipt claim, Claim claimed) {
        String bucket = ref.bucket();
        String key = ref.key();
        List<ReceiptProof> made = new ArrayList<>();
        Previous previous = null;
        FirstProofLock.Held lock = null;
        Receipt synced;
        try {
            previous = previousProofs(ref.versionId(), metadata.sha256(), claimed.replacedSynced(),
                    Concurrently.join(latestRead));
            Receipt newer = newerSynced(ref, previous.latest());
            if (newer != null) {
                complete(bucket, receiptKey, claim.superseded(newer, clock.instant()), claimed.etag());
                // events out of order: a rewrite may have been synced first, and this is the build's version
                return flagged(superseded(ref, newer, progress, started),
                        rewritten(key, newer.versionId(), newer.sha256(), metadata.sha256(), "synced after it"));
            }
            if (previous.proofs().isEmpty() && metadata.format() == EvidenceFormat.MANIFEST && ref.versionId() != null) {
                lock = firstProofs.take(bucket, key, ref, claim);
                if (!lock.inherited().isEmpty()) {
                    // an earlier version made the first proofs but left no latest receipt: become their next version
                    previous = new Previous(lock.inherited(), lock.inheritedVersion(), previous.latest(), null);
                }
            }
            ProofUpload upload = upload(ref, metadata, object);
            for (Target target : targets) {
                ReceiptProof earlier = claimed.madeBefore(target.key());
                ReceiptProof proof = earlier != null ? earlier.adopted()
                        : uploadTo(target, upload, previous.proofs().get(target.key()), claimed.takeover(),
                                invocation.deadline());
                made.add(proof);
                progress.proofIds.add(proof.proofId());
            }
            synced = claim.synced(made, previous.versionId(), clock.instant());
        } catch (RuntimeException e) {
            // release the claim (best effort) so the retry need not wait for it to go stale
            Receipt failed = claim.failed(claimed.withMadeBefore(made), previous == null ? null : previous.versionId(),
                    String.valueOf(e.getMessage()));
            release(bucket, receiptKey, claimed.etag(), failed);
            if (lock != null) {
                firstProofs.release(bucket, lock, failed);
            }
            throw e;
        }
        // the synced receipt and the records derived from it (the key's latest receipt, the trace index entries) are
        // written side by side: the derived ones name only proofs that exist, and when the claim was lost meanwhile
        // the retry adopts those same proofs and writes all three again
        Previous before = previous;
        CompletableFuture<String> latest = CompletableFuture.supplyAsync(
                () -> updateLatest(bucket, ReceiptKeys.latestKey(config.receiptsPrefix(), key), synced, before.latest()),
                calls);
        CompletableFuture<String> indexed = CompletableFuture.supplyAsync(() -> index.write(bucket, synced, metadata),
                calls);
        try {
            complete(bucket, receiptKey, synced, claimed.etag());
        } catch (RuntimeException e) {
            CompletableFuture.allOf(latest, indexed).exceptionally(ignored -> null).join(); // none left running
            throw e;
        }
        if (lock != null) {
            firstProofs.release(bucket, lock, synced);
        }
        String note = Concurrently.join(latest);
        String indexNote = Concurrently.join(indexed);
        String notes = note == null ? indexNote : indexNote == null ? note : note + "; " + indexNote;
        return flagged(outcome(Outcome.Status.SYNCED, ref, progress, notes, started),
                rewritten(key, before.versionId(), before.sha256(), metadata.sha256(), "synced before it"));
    }

    /**
     * Says so when an evidence key, which the contract writes once per run, holds other bytes in another synced
     * version: someone put it again after the build. Manifests, rewritten by every publish step, are told apart by
     * their key (the key layout, not the metadata a writer chooses). Null otherwise.
     *
     * @param when how the other version relates to this one, for the message
     */
    private static String rewritten(String key, String otherVersion, String otherSha, String sha, String when) {
        if (EvidenceContract.isManifestKey(key) || otherSha == null || otherSha.equals(sha)) {
            return null;
        }
        return "evidence written again after the build: version " + otherVersion + " of this key, " + when + ", has"
                + " SHA-256 " + otherSha + " and this one " + sha + "; evidence keys are written once per run, so find"
                + " out who wrote which (CloudTrail data events, the key's S3 versions); the auditor's trace of the build"
                + " marks the proof if it holds other bytes than the build published";
    }

    /** The outcome, marked rewritten when {@code rewritten} (a message) is not null. */
    private static Outcome flagged(Outcome outcome, String rewritten) {
        return rewritten == null ? outcome : outcome.markedRewritten(rewritten);
    }

    private CompletableFuture<Optional<ReceiptStore.Stored>> read(String bucket, String key) {
        return CompletableFuture.supplyAsync(() -> receipts.read(bucket, key), calls);
    }

    private List<Target> resolve(Route route, Deadline deadline) {
        if (route.organizationLevel()) {
            return List.of(Target.organization());
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        for (Route.Reference reference : route.controls()) {
            ResolvedControl control;
            try {
                control = resolver.resolve(reference.control(), reference.origin(), deadline);
            } catch (UnknownControlException e) {
                // only an unknown control is poison; SSM or Hyperproof failing here is retried like anywhere else
                throw new PoisonException(e.getMessage(), e);
            }
            targets.putIfAbsent(control.id(), Target.control(control));
        }
        return new ArrayList<>(targets.values());
    }

    private ProofUpload upload(ObjectRef ref, EvidenceMetadata metadata, SpooledObject object) {
        String contentType = metadata.compressed() || isGzip(object)
                ? "application/gzip"
                : metadata.format() == EvidenceFormat.OPAQUE ? "application/octet-stream" : "application/json";
        return new ProofUpload(object.file(), ProofNaming.proofName(ref.key(), metadata), contentType, ref.uri(),
                ref.versionId() != null ? ref.versionId() : object.sha256(),
                object.lastModified() == null ? null : object.lastModified().toString(), config.ownerId());
    }

    private static boolean isGzip(SpooledObject object) {
        try (var in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(object.file()))) {
            return io.evidencesync.core.evidence.EvidenceReader.isGzip(in);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private ReceiptProof uploadTo(Target target, ProofUpload upload, ReceiptProof previous, boolean takeover,
                                  Deadline deadline) {
        String controlId = target.control() == null ? null : target.control().id();
        String identifier = target.control() == null ? null : target.control().identifier();
        String kind = target.control() == null ? ReceiptProof.TARGET_ORGANIZATION : ReceiptProof.TARGET_CONTROL;
        try {
            if (previous != null) {
                try {
                    if (takeover) {
                        Proof current = hyperproof.getProof(previous.proofId(), deadline);
                        if (upload.sourceFileId().equals(current.sourceFileId())) {
                            return new ReceiptProof(kind, controlId, identifier, current.id(), current.version(),
                                    upload.filename(), ReceiptProof.ADOPTED);
                        }
                    }
                    UploadResult result = hyperproof.uploadVersion(previous.proofId(), upload, deadline);
                    return new ReceiptProof(kind, controlId, identifier, result.proof().id(), result.proof().version(),
                            upload.filename(), result.adopted() ? ReceiptProof.ADOPTED : ReceiptProof.VERSIONED);
                } catch (HyperproofException e) {
                    if (e.status() != 404) {
                        throw e;
                    }
                    // the earlier proof was deleted in Hyperproof: start a new one
                }
            }
            if (takeover) {
                Optional<Proof> found = hyperproof.findUploaded(target.proofTarget(), upload, deadline);
                if (found.isPresent()) {
                    return new ReceiptProof(kind, controlId, identifier, found.get().id(), found.get().version(),
                            upload.filename(), ReceiptProof.ADOPTED);
                }
            }
            UploadResult result = hyperproof.upload(target.proofTarget(), upload, deadline);
            return new ReceiptProof(kind, controlId, identifier, result.proof().id(), result.proof().version(),
                    upload.filename(), result.adopted() ? ReceiptProof.ADOPTED : ReceiptProof.CREATED);
        } catch (HyperproofException e) {
            throw new HyperproofException(e.getMessage() + " [object " + upload.sourceId() + ", control "
                    + target.label() + "]", e.status(), e.retryable(), e);
        }
    }

    /**
     * @param madeBefore proofs a failed earlier attempt at this same version recorded making (its FAILED receipt,
     *                   taken over): adopted as they are, without asking Hyperproof to find them again
     */
    private record Claim(String etag, boolean takeover, Receipt duplicateOf, Receipt replacedSynced,
                         List<ReceiptProof> madeBefore) {
        Claim(String etag, boolean takeover, Receipt duplicateOf, Receipt replacedSynced) {
            this(etag, takeover, duplicateOf, replacedSynced, List.of());
        }

        ReceiptProof madeBefore(String targetKey) {
            return madeBefore.stream().filter(proof -> proof.targetKey().equals(targetKey)).findFirst().orElse(null);
        }

        /** {@code made}, plus what the earlier attempt made for other targets: a second failure must not forget them. */
        List<ReceiptProof> withMadeBefore(List<ReceiptProof> made) {
            List<ReceiptProof> all = new ArrayList<>(made);
            for (ReceiptProof earlier : madeBefore) {
                if (all.stream().noneMatch(proof -> proof.targetKey().equals(earlier.targetKey()))) {
                    all.add(earlier);
                }
            }
            return all;
        }
    }

    private Claim claim(String bucket, String receiptKey, Receipt claim) {
        try {
            return new Claim(receipts.create(bucket, receiptKey, claim), false, null, null);
        } catch (ReceiptStore.ConflictException first) {
            ReceiptStore.Stored current = receipts.read(bucket, receiptKey)
                    .orElseThrow(() -> new EvidenceException("receipt " + receiptKey + " was claimed and then removed"
                            + " by someone else; retrying later"));
            Receipt receipt = current.receipt();
            if (Objects.equals(receipt.claimToken(), claim.claimToken())) {
                return new Claim(current.etag(), false, null, null); // our own write, retried by SignedS3
            }
            boolean changedUnversioned = receipt.isSynced() && claim.versionId() == null
                    && !Objects.equals(receipt.sha256(), claim.sha256());
            if (isDone(receipt, claim.sequencer()) && !changedUnversioned) {
                return new Claim(null, false, receipt, null);
            }
            if (isFreshClaim(receipt)) {
                throw inFlight(receipt);
            }
            try {
                boolean failedEarlier = receipt.status() == ReceiptStatus.FAILED
                        && Objects.equals(receipt.sha256(), claim.sha256());
                return new Claim(receipts.replace(bucket, receiptKey, claim, current.etag()), true, null,
                        changedUnversioned ? receipt : null, failedEarlier ? receipt.proofs() : List.of());
            } catch (ReceiptStore.ConflictException second) {
                throw new EvidenceException("another invocation claimed this object at the same moment; it will be"
                        + " retried");
            }
        }
    }

    /**
     * Synced; or superseded, for a redelivery of S3's event (with a sequencer). A replay without a sequencer takes a
     * superseded version over and uploads it: how an operator brings an older version into Hyperproof anyway.
     */
    private static boolean isDone(Receipt receipt, String eventSequencer) {
        return receipt.isSynced() || receipt.status() == ReceiptStatus.SUPERSEDED && eventSequencer != null;
    }

    private boolean isFreshClaim(Receipt receipt) {
        return receipt.isFreshClaim(clock.instant(), config.staleClaimAfter());
    }

    private EvidenceException inFlight(Receipt receipt) {
        Instant free = receipt.claimStaleAfter(config.staleClaimAfter());
        return new EvidenceException("another invocation (request " + receipt.requestId() + ", claimed "
                + receipt.claimedAt() + ") is syncing this object; failing this delivery so it is retried later"
                + " (should that invocation have crashed, a delivery after " + free + " takes the claim over)");
    }

    /**
     * @param proofs    the previous version's proofs by target key
     * @param versionId the previous version, or null when there is none
     * @param latest    the key's latest receipt as read (to update it without reading it again), or null
     * @param sha256    the previous version's SHA-256, or null when there is none
     */
    private record Previous(Map<String, ReceiptProof> proofs, String versionId, ReceiptStore.Stored latest, String sha256) {
    }

    /**
     * The proofs of the key's latest synced version (a different version, or changed bytes when unversioned: the
     * synced receipt this claim replaced, else, after a failed first attempt had replaced it, the key's latest one).
     */
    private Previous previousProofs(String versionId, String sha256, Receipt replacedSynced,
                                    Optional<ReceiptStore.Stored> latestRead) {
        ReceiptStore.Stored stored = latestRead.orElse(null);
        Receipt latest = replacedSynced;
        if (latest == null && stored != null && stored.receipt().isSynced()
                && (!Objects.equals(stored.receipt().versionId(), versionId)
                || versionId == null && !Objects.equals(stored.receipt().sha256(), sha256))) {
            latest = stored.receipt();
        }
        if (latest == null) {
            return new Previous(Map.of(), null, stored, null);
        }
        Map<String, ReceiptProof> byTarget = new LinkedHashMap<>();
        latest.proofs().forEach(proof -> byTarget.put(proof.targetKey(), proof));
        return new Previous(byTarget, latest.versionId() == null ? "null" : latest.versionId(), stored, latest.sha256());
    }

    private void complete(String bucket, String receiptKey, Receipt synced, String claimEtag) {
        try {
            receipts.replace(bucket, receiptKey, synced, claimEtag);
        } catch (ReceiptStore.ConflictException e) {
            Receipt current = receipts.read(bucket, receiptKey).map(ReceiptStore.Stored::receipt).orElse(null);
            if (current != null && current.isSynced() && Objects.equals(current.claimToken(), synced.claimToken())) {
                return; // our own write, retried by SignedS3
            }
            throw new EvidenceException("the claim on this object was taken over while it was being uploaded (it"
                    + " had gone stale: older than " + BridgeConfig.CLAIM_STALE_AFTER_SECONDS + ", or "
                    + Receipt.CLAIM_EXPIRY_MARGIN.toSeconds() + " s past its invocation's recorded deadline);"
                    + " the proofs made ("
                    + synced.proofs().stream().map(ReceiptProof::proofId).toList() + ") are adopted by the retry");
        }
    }

    /** Replaces our claim with its failed receipt (best effort), so that a retry can take it over at once. */
    private void release(String bucket, String receiptKey, String etag, Receipt failed) {
        try {
            receipts.replace(bucket, receiptKey, failed, etag);
        } catch (RuntimeException ignored) {
            // the claim then goes stale after CLAIM_STALE_AFTER_SECONDS and is taken over
        }
    }

    /**
     * Points the key's "latest" receipt at this version unless a newer version got there first. The first attempt
     * uses the latest receipt read before the upload; a conflict means it changed meanwhile, so it is read again.
     */
    private String updateLatest(String bucket, String latestKey, Receipt synced, ReceiptStore.Stored readBefore) {
        Optional<ReceiptStore.Stored> current = Optional.ofNullable(readBefore);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                if (attempt > 0) {
                    current = receipts.read(bucket, latestKey);
                }
                if (current.isEmpty()) {
                    receipts.create(bucket, latestKey, synced);
                    return null;
                }
                if (isNewer(current.get().receipt(), synced)) {
                    return null;
                }
                receipts.replace(bucket, latestKey, synced, current.get().etag());
                return null;
            } catch (ReceiptStore.ConflictException e) {
                // a concurrent version (or our own write retried by SignedS3): read again
            } catch (EvidenceException e) {
                return "synced, but the latest receipt was not updated: " + e.getMessage();
            }
        }
        return "synced, but the latest receipt kept changing concurrently and was not updated";
    }

    /**
     * The key's latest synced receipt when it is of a later version than this event's, by the S3 event sequencers;
     * null when either has no sequencer (a replay, or a receipt written before sequencers were recorded).
     */
    private static Receipt newerSynced(ObjectRef ref, ReceiptStore.Stored latest) {
        if (ref.versionId() == null || ref.sequencer() == null || latest == null) {
            return null; // unversioned: the object read is the current one anyway
        }
        Receipt receipt = latest.receipt();
        if (!receipt.isSynced() || !Sequencers.isValid(receipt.sequencer())
                || Objects.equals(receipt.versionId(), ref.versionId())) {
            return null;
        }
        return Sequencers.compare(ref.sequencer(), receipt.sequencer()) < 0 ? receipt : null;
    }

    /** By sequencer when both have one (the order S3 wrote the versions), else by LastModified. */
    private static boolean isNewer(Receipt existing, Receipt candidate) {
        if (existing.isSynced() && Sequencers.isValid(existing.sequencer()) && Sequencers.isValid(candidate.sequencer())) {
            return Sequencers.compare(existing.sequencer(), candidate.sequencer()) > 0;
        }
        if (!existing.isSynced() || existing.lastModified() == null || candidate.lastModified() == null) {
            return false;
        }
        return Instant.parse(existing.lastModified()).isAfter(Instant.parse(candidate.lastModified()));
    }

    private Outcome duplicate(ObjectRef ref, Receipt receipt, Progress progress, long started) {
        progress.buildUrl = receipt.build() == null ? null : receipt.build().runUrl();
        progress.controls = receipt.proofs().stream()
                .map(p -> p.controlIdentifier() != null ? p.controlIdentifier() : p.targetKey()).toList();
        receipt.proofs().forEach(p -> progress.proofIds.add(p.proofId()));
        return outcome(Outcome.Status.DUPLICATE, ref, progress, (receipt.isSynced() ? "already synced (receipt "
                : "already superseded (receipt ") + ReceiptKeys.versionKey(config.receiptsPrefix(), ref.key(), ref.versionId())
                + ")", started);
    }

    private Outcome superseded(ObjectRef ref, Receipt newer, Progress progress, long started) {
        return outcome(Outcome.Status.SUPERSEDED, ref, progress, "superseded: version " + newer.versionId()
                + " of this key (event sequencer " + newer.sequencer() + ", later than this event's " + ref.sequencer()
                + ") was synced first, as proof(s) " + newer.proofs().stream().map(ReceiptProof::proofId).toList()
                + "; this older version was not uploaded, so it did not become the proof's newest version (receipt "
                + ReceiptKeys.versionKey(config.receiptsPrefix(), ref.key(), ref.versionId())
                + "; replay the event without its sequencer to upload it anyway)", started);
    }

    private Outcome failed(ObjectRef ref, Progress progress, String reason, boolean retryable, long started) {
        return new Outcome(Outcome.Status.FAILED, ref, progress.controls, progress.proofIds, progress.buildUrl, reason,
                retryable, clock.millis() - started);
    }

    private Outcome outcome(Outcome.Status status, ObjectRef ref, Progress progress, String reason, long started) {
        return new Outcome(status, ref, progress.controls, progress.proofIds, progress.buildUrl, reason, false,
                clock.millis() - started);
    }

}
