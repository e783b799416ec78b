package io.evidencesync.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import io.evidencesync.core.s3.S3Objects;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.contract.EvidenceMetadata;
import io.evidencesync.core.contract.ManifestCodec;
import io.evidencesync.core.contract.ManifestEntry;
import io.evidencesync.core.contract.RunManifest;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.evidence.EvidenceReader;
import io.evidencesync.core.evidence.EvidenceSummary;
import io.evidencesync.core.evidence.InputSource;
import io.evidencesync.core.evidence.InvalidEvidenceException;

/**
 * Reads a spooled object for routing: evidence through {@link EvidenceReader} (gzip by magic bytes, malformed input
 * refused), a run manifest through {@link ManifestCodec}; then asks the {@link ProofRouter}. A manifest goes to the
 * union of its evidence's routes (each listed object's own override is read with a HEAD), or organization-level
 * when all of its evidence is.
 */
final class RoutePlanner {
    private final ProofRouter router;
    private final S3Objects s3;

    RoutePlanner(ProofRouter router, S3Objects s3) {
        this.router = router;
        this.s3 = s3;
    }

    Route plan(String bucket, String key, EvidenceMetadata metadata, SpooledObject object) {
        if (object.size() == 0) {
            throw new PoisonException("the object is empty");
        }
        if (metadata.format() == EvidenceFormat.MANIFEST) {
            return planManifest(bucket, key, object);
        }
        EvidenceSummary summary;
        try {
            summary = new EvidenceReader(metadata.format() == EvidenceFormat.OPAQUE).read(key, InputSource.of(object.file()));
        } catch (InvalidEvidenceException e) {
            throw new PoisonException("malformed evidence: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EvidenceException("cannot read the spooled copy of " + key + ": " + e.getMessage(), e);
        }
        return router.route(metadata.controlOverride(), summary.controls());
    }

    private Route planManifest(String bucket, String key, SpooledObject object) {
        RunManifest manifest;
        try {
            manifest = ManifestCodec.fromJson(key, Files.readAllBytes(object.file()));
        } catch (EvidenceException e) {
            throw new PoisonException("malformed manifest: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EvidenceException("cannot read the spooled copy of " + key + ": " + e.getMessage(), e);
        }
        Map<String, Route.Reference> union = new LinkedHashMap<>();
        for (ManifestEntry entry : manifest.objects()) {
            Route route = router.route(overrideOf(bucket, entry), entry.controls());
            for (Route.Reference reference : route.controls()) {
                union.putIfAbsent(reference.control(),
                        new Route.Reference(reference.control(), "manifest entry " + entry.path() + ": " + reference.origin()));
            }
        }
        return new Route(union.values().stream().toList(), union.isEmpty() ? "organization" : "manifest");
    }

    /**
     * The control override of a listed object, or null when it has none or is gone (404). Any other failure to read
     * it fails the manifest for a retry: routing it without the override could send it to the wrong control.
     */
    private String overrideOf(String bucket, ManifestEntry entry) {
        Map<String, String> metadata;
        try {
            metadata = s3.headObject(bucket, entry.key(), entry.versionId()).metadata();
        } catch (EvidenceException e) {
            if (e instanceof S3Objects.RequestFailedException failed && failed.status() == 404) {
                return null;
            }
            throw new EvidenceException("cannot read the control override of s3://" + bucket + "/" + entry.key()
                    + ", listed in the manifest, so the manifest is not routed yet: " + e.getMessage(), e);
        }
        String value = null;
        for (Map.Entry<String, String> item : metadata.entrySet()) {
            if (item.getKey().equalsIgnoreCase(EvidenceContract.META_CONTROL)) {
                value = io.evidencesync.core.contract.MetadataValues.decode(item.getValue());
            }
        }
        return value;
    }
}
