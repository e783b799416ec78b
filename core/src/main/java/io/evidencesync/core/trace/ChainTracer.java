package io.evidencesync.core.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.contract.EvidenceMetadata;
import io.evidencesync.core.contract.ManifestCodec;
import io.evidencesync.core.contract.ManifestEntry;
import io.evidencesync.core.contract.RunManifest;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.hyperproof.Proof;
import io.evidencesync.core.provenance.BuildProvenance;
import io.evidencesync.core.receipt.IndexEntry;
import io.evidencesync.core.receipt.Receipt;
import io.evidencesync.core.receipt.ReceiptCodec;
import io.evidencesync.core.receipt.ReceiptProof;
import io.evidencesync.core.trace.TraceReport.ObjectTrace;
import io.evidencesync.core.trace.TraceReport.ProofTrace;
import io.evidencesync.core.trace.TraceReport.RunTrace;

/**
 * Follows the chain build → run manifest → S3 object (version, SHA-256) → receipt → Hyperproof proof(s), from any
 * starting point, and checks every link against the SHA-256 recorded at publish time: the S3 bytes, the object's
 * metadata, the bridge's receipt and the bytes Hyperproof serves. Trusts nothing it did not recompute.
 *
 * <pre>
 * TraceReport report = new ChainTracer(new S3TraceStore(s3), new HyperproofProofSource(client), "acme-evidence",
 *         EvidenceContract.DEFAULT_RECEIPTS_PREFIX).trace(TraceTarget.parse(argument));
 * </pre>
 */
public final class ChainTracer {
    private final TraceStore store;
    private final ProofSource proofs;
    private final ProofChecks proofChecks;
    private final String bucket;
    private final String receiptsPrefix;
    private final ManifestHistory history;

    /**
     * @param bucket         the evidence bucket, for targets that do not name one (proof id, build URL); may be null
     *                       when every target is an S3 URI
     * @param receiptsPrefix the bridge's receipts prefix
     */
    public ChainTracer(TraceStore store, ProofSource proofs, String bucket, String receiptsPrefix) {
        this(store, proofs, bucket, receiptsPrefix, null);
    }

    private ChainTracer(TraceStore store, ProofSource proofs, String bucket, String receiptsPrefix,
                        ManifestHistory history) {
        this.store = store;
        this.proofs = proofs;
        this.proofChecks = new ProofChecks(proofs);
        this.bucket = bucket;
        this.receiptsPrefix = receiptsPrefix;
        this.history = history;
    }

    /** This tracer, also checking each run manifest's version history ({@link ManifestHistory}). */
    public ChainTracer withManifestHistory() {
        return new ChainTracer(store, proofs, bucket, receiptsPrefix, new ManifestHistory(store));
    }

    public TraceReport trace(TraceTarget target) {
        if (target instanceof TraceTarget.BuildUrl build) {
            return traceBuild(build);
        }
        if (target instanceof TraceTarget.S3Object object) {
            return traceObject(object.uri(), object.bucket(), object.key(), object.versionId());
        }
        return traceProof((TraceTarget.ProofId) target);
    }

    private TraceReport traceBuild(TraceTarget.BuildUrl build) {
        String evidenceBucket = requireBucket("a build URL");
        String prefix = EvidenceContract.runIndexPrefix(receiptsPrefix, build.url());
        List<String> entries = store.list(evidenceBucket, prefix);
        if (entries.isEmpty()) {
            return new TraceReport(build.url(), List.of(), List.of(Link.broken("the build is indexed by the bridge",
                    "no index entry under s3://" + evidenceBucket + "/" + prefix + ": the bridge has not synced a"
                            + " manifest of this run, or the build URL or bucket differs")));
        }
        List<RunTrace> runs = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (String entryKey : entries) {
            IndexEntry entry;
            try {
                entry = ReceiptCodec.indexFromJson(entryKey, store.read(evidenceBucket, entryKey, null)
                        .orElseThrow(() -> new EvidenceException("index entry '" + entryKey + "' was listed but is gone")));
            } catch (RuntimeException e) {
                links.add(Link.broken("the build is indexed by the bridge", unreadable(entryKey, e)));
                continue;
            }
            links.add(Link.ok("the build is indexed by the bridge", "s3://" + entry.bucket() + "/" + entry.key()));
            RunTrace run = traceRun(entry.bucket(), entry.key(), entry.versionId(), null, null, links);
            runs.add(run);
            if (run.manifest() != null) {
                // the index is the bridge's derived data: the manifest itself must name the build asked about
                String recorded = run.provenance().get(BuildProvenance.CICD_RUN_URL);
                links.add(recorded != null && EvidenceContract.findsRun(build.url(), recorded)
                        ? Link.ok("the manifest names this build", recorded)
                        : Link.broken("the manifest names this build", "s3://" + entry.bucket() + "/" + entry.key()
                        + " records the run " + recorded + ", not " + build.url()));
            }
        }
        return new TraceReport(build.url(), runs, links);
    }

    private TraceReport traceProof(TraceTarget.ProofId proof) {
        String evidenceBucket = requireBucket("a proof id");
        List<Link> links = new ArrayList<>();
        String indexKey = EvidenceContract.proofIndexKey(receiptsPrefix, proof.proofId());
        Optional<byte[]> indexed = store.read(evidenceBucket, indexKey, null);
        String objectBucket;
        String key;
        String versionId;
        if (indexed.isPresent()) {
            IndexEntry entry = ReceiptCodec.indexFromJson(indexKey, indexed.get());
            links.add(Link.ok("the proof is indexed by the bridge", "s3://" + evidenceBucket + "/" + indexKey));
            objectBucket = entry.bucket();
            key = entry.key();
            versionId = entry.versionId();
        } else {
            Optional<Proof> fromHyperproof = proofs.proof(proof.proofId());
            if (fromHyperproof.isEmpty() || fromHyperproof.get().sourceId() == null
                    || !fromHyperproof.get().sourceId().startsWith("s3://")) {
                links.add(Link.broken("the proof is indexed by the bridge", "no index entry at s3://" + evidenceBucket
                        + "/" + indexKey + (fromHyperproof.isEmpty() ? " and Hyperproof does not know the proof"
                        : " and the proof carries no S3 source id")));
                return new TraceReport(proof.proofId(), List.of(), links);
            }
            links.add(Link.broken("the proof is indexed by the bridge", "no index entry at s3://" + evidenceBucket + "/"
                    + indexKey + "; followed the proof's source id " + fromHyperproof.get().sourceId() + " instead"));
            TraceTarget.S3Object source = (TraceTarget.S3Object) TraceTarget.parse(fromHyperproof.get().sourceId());
            objectBucket = source.bucket();
            key = source.key();
            versionId = fromHyperproof.get().sourceFileId();
        }
        TraceReport report = traceObject(proof.proofId(), objectBucket, key, versionId);
        List<Link> all = new ArrayList<>(links);
        all.addAll(report.links());
        boolean named = report.runs().stream().flatMap(run -> run.objects().stream())
                .flatMap(object -> object.proofs().stream()).anyMatch(p -> p.proofId().equals(proof.proofId()))
                || report.runs().stream().map(RunTrace::manifest).filter(m -> m != null)
                .flatMap(m -> m.proofs().stream()).anyMatch(p -> p.proofId().equals(proof.proofId()));
        all.add(named ? Link.ok("the object's receipt names this proof", proof.proofId())
                : Link.broken("the object's receipt names this proof", "the receipt of s3://" + objectBucket + "/" + key
                + " does not list " + proof.proofId()));
        return new TraceReport(proof.proofId(), report.runs(), all);
    }

    private TraceReport traceObject(String target, String objectBucket, String key, String versionId) {
        List<Link> links = new ArrayList<>();
        Optional<TraceStore.ObjectInfo> head = store.head(objectBucket, key, versionId);
        if (head.isEmpty()) {
            links.add(Link.broken("the S3 object exists", "s3://" + objectBucket + "/" + key
                    + (versionId == null ? "" : " version " + versionId) + " was not found"));
            return new TraceReport(target, List.of(), links);
        }
        EvidenceMetadata metadata;
        try {
            metadata = EvidenceContract.readMetadata(key, head.get().metadata());
        } catch (EvidenceException e) {
            links.add(Link.broken("the object carries contract metadata", e.getMessage()));
            return new TraceReport(target, List.of(), links);
        }
        String version = head.get().versionId();
        if (metadata.format() == EvidenceFormat.MANIFEST) {
            return new TraceReport(target, List.of(traceRun(objectBucket, key, version, null, null, links)), links);
        }
        return new TraceReport(target, List.of(traceRun(objectBucket, metadata.manifestKey(), null, key, version, links)), links);
    }

    /** Traces one run; with {@code onlyKey}, only that object (at {@code onlyVersion}) besides the manifest. */
    private RunTrace traceRun(String objectBucket, String manifestKey, String manifestVersion, String onlyKey,
                              String onlyVersion, List<Link> links) {
        RunManifest manifest;
        TraceStore.ObjectInfo manifestHead;
        try {
            Optional<TraceStore.ObjectInfo> head = store.head(objectBucket, manifestKey, manifestVersion);
            if (head.isEmpty()) {
                links.add(Link.broken("the run manifest exists", "s3://" + objectBucket + "/" + manifestKey + " was not found"));
                return new RunTrace(Map.of(), objectBucket, manifestKey, null, List.of());
            }
            manifestHead = head.get();
            // the version the HEAD saw, not the latest again: a later publish step of the run may write a new one
            // in between, and the manifest whose entries are checked must be the one whose version is reported
            String version = manifestVersion != null ? manifestVersion : manifestHead.versionId();
            manifest = ManifestCodec.fromJson(manifestKey, store.read(objectBucket, manifestKey, version).orElseThrow(
                    () -> new EvidenceException("manifest '" + manifestKey + "'" + (version == null ? "" : " version "
                            + version) + " was found by its HEAD but could not be read")));
        } catch (RuntimeException e) {
            links.add(Link.broken("the run manifest can be read", unreadable(manifestKey, e)));
            return new RunTrace(Map.of(), objectBucket, manifestKey, null, List.of());
        }
        String manifestSha = manifestHead.metadata().get(EvidenceContract.META_SHA256);
        String runUrl = manifest.provenance().get(BuildProvenance.CICD_RUN_URL);
        ObjectTrace manifestTrace = traceObjectVersion(objectBucket, manifestKey, manifestHead.versionId(), "manifest.json",
                manifestSha, runUrl, false);
        List<ObjectTrace> objects = new ArrayList<>();
        boolean found = onlyKey == null;
        for (ManifestEntry entry : manifest.objects()) {
            if (onlyKey == null || onlyKey.equals(entry.key())) {
                found = true;
                String version = onlyKey != null && onlyVersion != null ? onlyVersion : entry.versionId();
                objects.add(traceObjectVersion(objectBucket, entry.key(), version, entry.path(), entry.sha256(), runUrl,
                        true));
            }
        }
        links.add(found ? Link.ok("the object is listed in its run's manifest", manifestKey)
                : Link.broken("the object is listed in its run's manifest", onlyKey + " is not in " + manifestKey));
        if (history != null) {
            links.add(history.check(objectBucket, manifestKey));
        }
        return new RunTrace(manifest.provenance(), objectBucket, manifestKey, manifestTrace, objects);
    }

    /**
     * @param expectedSha the SHA-256 the manifest lists; for the manifest itself, the one in its own metadata, so that
     *                    only its bytes' integrity is checked
     * @param runUrl      the run URL the manifest records, which the object's metadata must name too
     * @param writeOnce   an evidence object, written once per run: its proof must not have moved on to other bytes.
     *                    A manifest is rewritten by every publish step of its run, and its proof gains versions with it.
     */
    private ObjectTrace traceObjectVersion(String objectBucket, String key, String versionId, String path, String expectedSha,
                                           String runUrl, boolean writeOnce) {
        List<Link> links = new ArrayList<>();
        try {
            return traceObjectVersion(objectBucket, key, versionId, path, expectedSha, runUrl, writeOnce, links);
        } catch (RuntimeException e) {
            // access denied, a receipt that is not JSON: a broken link of this object, the rest of the run is traced
            links.add(Link.broken("the object's chain can be read", unreadable(key, e)));
            return new ObjectTrace(key, path, versionId, expectedSha, links, List.of());
        }
    }

    private ObjectTrace traceObjectVersion(String objectBucket, String key, String versionId, String path, String expectedSha,
                                           String runUrl, boolean writeOnce, List<Link> links) {
        String where = "s3://" + objectBucket + "/" + key + (versionId == null ? "" : "?versionId=" + versionId);
        Optional<TraceStore.ObjectInfo> head = store.head(objectBucket, key, versionId);
        if (head.isEmpty()) {
            links.add(Link.broken("the S3 object exists", where + " was not found"));
            return new ObjectTrace(key, path, versionId, expectedSha, links, List.of());
        }
        String actualSha = store.sha256(objectBucket, key, versionId).orElse(null);
        if (writeOnce) {
            String metadataSha = head.get().metadata().get(EvidenceContract.META_SHA256);
            links.add(Link.compare("the object's metadata records the publish-time SHA-256", expectedSha, metadataSha));
            links.add(Link.compare("the S3 bytes match the publish-time SHA-256", expectedSha, actualSha));
        } else {
            links.add(Link.compare("the manifest's bytes match the SHA-256 in its metadata", expectedSha, actualSha));
        }
        links.add(metadataRunUrl(key, head.get().metadata(), runUrl));
        String receiptKey = EvidenceContract.receiptKey(receiptsPrefix, key, head.get().versionId());
        Optional<byte[]> receiptBytes = store.read(objectBucket, receiptKey, null);
        if (receiptBytes.isEmpty()) {
            links.add(Link.broken("the bridge's receipt exists", "no receipt at s3://" + objectBucket + "/" + receiptKey
                    + ": the object has not been synced (check the bridge's dead-letter queue)"));
            return new ObjectTrace(key, path, head.get().versionId(), expectedSha, links, List.of());
        }
        Receipt receipt = ReceiptCodec.fromJson(receiptKey, receiptBytes.get());
        links.add(receipt.isSynced() ? Link.ok("the bridge's receipt says synced", receiptKey + " at " + receipt.syncedAt())
                : Link.broken("the bridge's receipt says synced", receiptKey + " is " + receipt.status()
                + (receipt.error() == null ? "" : ": " + receipt.error())
                + (receipt.supersededBy() == null ? "" : ": version " + receipt.supersededBy().versionId()
                + " of the key was synced first (proofs " + receipt.supersededBy().proofIds() + "), so this older"
                + " version was not uploaded")));
        links.add(Link.compare("the receipt records the publish-time SHA-256", expectedSha, receipt.sha256()));
        List<ProofTrace> proofTraces = new ArrayList<>();
        for (ReceiptProof proof : receipt.proofs()) {
            proofTraces.add(proofChecks.check(proof, expectedSha, "s3://" + objectBucket + "/" + key, writeOnce));
        }
        if (receipt.isSynced() && proofTraces.isEmpty()) {
            links.add(Link.broken("the receipt names a proof", receiptKey + " lists no proof"));
        }
        return new ObjectTrace(key, path, head.get().versionId(), expectedSha, links, proofTraces);
    }

    /**
     * The build link the publisher wrote into the object's metadata is the one its run's manifest records (trailing
     * slashes aside: publish steps of one run may give the URL with or without one).
     */
    private static Link metadataRunUrl(String key, Map<String, String> metadata, String runUrl) {
        String name = "the object's metadata names the manifest's build";
        try {
            String recorded = EvidenceContract.readMetadata(key, metadata).runUrl();
            return EvidenceContract.sameRunUrl(runUrl, recorded) ? Link.ok(name, recorded)
                    : Link.broken(name, "expected " + runUrl + ", found " + recorded);
        } catch (EvidenceException e) {
            return Link.broken(name, e.getMessage());
        }
    }

    /** What a failed read or parse says; any exception of a tampered file is a broken link, not a crash. */
    private static String unreadable(String key, RuntimeException e) {
        return e instanceof EvidenceException ? e.getMessage()
                : "cannot read '" + key + "': " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private String requireBucket(String what) {
        if (bucket == null || bucket.isBlank()) {
            throw new EvidenceException("tracing from " + what + " needs the evidence bucket: set --bucket or EVIDENCE_BUCKET");
        }
        return bucket;
    }
}
