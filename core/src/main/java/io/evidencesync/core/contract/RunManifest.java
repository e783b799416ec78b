package io.evidencesync.core.contract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.evidencesync.core.EvidenceException;

/**
 * The per-run manifest: the build's provenance and every evidence object the run published, written after the
 * objects themselves. Serialised by {@link ManifestCodec}; the layout is part of docs/contract.md.
 *
 * @param schema      {@link ManifestCodec#SCHEMA}
 * @param bucket      the bucket the objects are in
 * @param provenance  {@link io.evidencesync.core.provenance.BuildProvenance#toAttributes()}
 * @param producer    the publishing tool and version, e.g. {@code evidence-sync-cli/0.1.0}
 * @param publishedAt ISO-8601 instant the manifest was written
 * @param objects     the evidence objects, sorted by key
 */
public record RunManifest(
        String schema,
        String bucket,
        Map<String, String> provenance,
        String producer,
        String publishedAt,
        List<ManifestEntry> objects) {

    public RunManifest {
        provenance = provenance == null ? Map.of() : new LinkedHashMap<>(provenance);
        List<ManifestEntry> sorted = new ArrayList<>(objects == null ? List.of() : objects);
        sorted.sort(Comparator.comparing(ManifestEntry::key));
        objects = List.copyOf(sorted);
    }

    /**
     * This manifest with the objects of {@code earlier} that it does not list itself: a run may publish several
     * times (several steps), and its manifest accumulates. The same key with different bytes is refused: a run's
     * evidence is immutable.
     */
    public RunManifest mergedWith(RunManifest earlier) {
        Map<String, ManifestEntry> byKey = earlier.byKey();
        for (ManifestEntry entry : objects) {
            ManifestEntry previous = byKey.get(entry.key());
            if (previous != null && !previous.sameContent(entry)) {
                throw new EvidenceException("object '" + entry.key() + "' is already listed in this run's manifest with"
                        + " SHA-256 " + previous.sha256() + ", not " + entry.sha256() + "; a run's evidence is immutable");
            }
            byKey.put(entry.key(), entry);
        }
        return new RunManifest(schema, bucket, provenance, producer, publishedAt, new ArrayList<>(byKey.values()));
    }

    /** True when every object of this manifest is already listed, with the same bytes, in {@code other}. */
    public boolean coveredBy(RunManifest other) {
        Map<String, ManifestEntry> byKey = other.byKey();
        return objects.stream().allMatch(entry -> byKey.containsKey(entry.key()) && byKey.get(entry.key()).sameContent(entry));
    }

    /**
     * The first object of this manifest that {@code later}, a later version of it, no longer lists with the same
     * SHA-256 and S3 version, or null: within a run a manifest only grows.
     */
    public ManifestEntry firstNotKeptIn(RunManifest later) {
        Map<String, ManifestEntry> kept = later.byKey();
        for (ManifestEntry entry : objects) {
            ManifestEntry now = kept.get(entry.key());
            if (now == null || !Objects.equals(now.sha256(), entry.sha256())
                    || !Objects.equals(now.versionId(), entry.versionId())) {
                return entry;
            }
        }
        return null;
    }

    /** The objects by key, in this manifest's order. */
    private Map<String, ManifestEntry> byKey() {
        Map<String, ManifestEntry> byKey = new LinkedHashMap<>();
        objects.forEach(entry -> byKey.put(entry.key(), entry));
        return byKey;
    }
}
