package io.evidencesync.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.contract.ManifestCodec;
import io.evidencesync.core.contract.ManifestEntry;
import io.evidencesync.core.contract.RunManifest;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.hyperproof.Proof;
import io.evidencesync.core.provenance.BuildProvenance;
import io.evidencesync.core.publish.Digests;
import io.evidencesync.core.trace.TraceReport.RunTrace;

class ChainTracerTest {
    private static final String BUCKET = "acme-evidence";
    private static final BuildProvenance BUILD = BuildProvenance.builder().ciSystem("github-actions")
            .pipelineName("acme/app/CI").runId("9001").runAttempt(1)
            .runUrl("https://github.com/acme/app/actions/runs/9001/attempts/1").revision("c0ffee").build();
    private static final String MANIFEST = EvidenceContract.manifestKey("evidence", BUILD);
    private static final String SCAN = EvidenceContract.evidenceKey("evidence", BUILD, "scan.json");
    private static final String LATE = EvidenceContract.evidenceKey("evidence", BUILD, "late.json");

    private final VersionedStore store = new VersionedStore();

    @Test
    void shouldCheckTheManifestVersionItReportsWhenTheRunWritesANewerOneDuringTheTrace() {
        byte[] scan = "[]".getBytes(StandardCharsets.UTF_8);
        store.put(SCAN, "s1", scan, EvidenceContract.objectMetadata(BUILD, sha(scan), EvidenceFormat.OCSF_JSON, false,
                MANIFEST, null));
        putManifest("m1", entry(SCAN, scan));
        // a second publish step of the run rewrites the manifest as soon as the trace first touches it
        store.onFirstTouch(MANIFEST, () -> putManifest("m2", entry(SCAN, scan), entry(LATE, scan)));

        TraceReport report = new ChainTracer(store, new NoProofs(), BUCKET, EvidenceContract.DEFAULT_RECEIPTS_PREFIX)
                .trace(TraceTarget.parse("s3://" + BUCKET + "/" + SCAN));

        RunTrace run = report.runs().get(0);
        assertThat(store.versions(BUCKET, MANIFEST)).containsExactly("m1", "m2");
        assertThat(run.manifest().versionId()).isEqualTo("m1");
        assertThat(run.manifest().links()).filteredOn(link -> link.name().startsWith("the manifest's bytes"))
                .singleElement().satisfies(link -> assertThat(link.ok()).isTrue());
    }

    @Test
    void shouldSayTheManifestIsMissingWhenNoVersionOfItExists() {
        byte[] scan = "[]".getBytes(StandardCharsets.UTF_8);
        store.put(SCAN, "s1", scan, EvidenceContract.objectMetadata(BUILD, sha(scan), EvidenceFormat.OCSF_JSON, false,
                MANIFEST, null));

        TraceReport report = new ChainTracer(store, new NoProofs(), BUCKET, EvidenceContract.DEFAULT_RECEIPTS_PREFIX)
                .trace(TraceTarget.parse("s3://" + BUCKET + "/" + SCAN));

        assertThat(report.links()).filteredOn(link -> link.name().equals("the run manifest exists"))
                .singleElement().satisfies(link -> {
                    assertThat(link.ok()).isFalse();
                    assertThat(link.detail()).contains(MANIFEST, "was not found");
                });
    }

    private void putManifest(String versionId, ManifestEntry... entries) {
        byte[] json = ManifestCodec.toJson(new RunManifest(ManifestCodec.SCHEMA, BUCKET, BUILD.toAttributes(),
                "evidence-sync-test", "2026-11-28T00:00:00Z", List.of(entries)));
        store.put(MANIFEST, versionId, json, EvidenceContract.objectMetadata(BUILD, sha(json), EvidenceFormat.MANIFEST,
                false, null, null));
    }

    private static ManifestEntry entry(String key, byte[] bytes) {
        return new ManifestEntry(key, key.substring(key.lastIndexOf('/') + 1), bytes.length, sha(bytes),
                EvidenceFormat.OCSF_JSON.id(), false, 0, List.of(), List.of(), List.of(), List.of(), Map.of(), null, null);
    }

    private static String sha(byte[] bytes) {
        return Digests.hex(Digests.sha256().digest(bytes));
    }

    /** Object versions in one bucket, the latest last; a key may rewrite itself the first time it is touched. */
    private static final class VersionedStore implements TraceStore {
        private record Version(String id, byte[] bytes, Map<String, String> metadata) {
        }

        private final Map<String, List<Version>> objects = new LinkedHashMap<>();
        private final Map<String, Runnable> onFirstTouch = new LinkedHashMap<>();

        void put(String key, String versionId, byte[] bytes, Map<String, String> metadata) {
            objects.computeIfAbsent(key, k -> new ArrayList<>()).add(new Version(versionId, bytes, metadata));
        }

        void onFirstTouch(String key, Runnable change) {
            onFirstTouch.put(key, change);
        }

        private Optional<Version> find(String key, String versionId) {
            List<Version> versions = objects.getOrDefault(key, List.of());
            Optional<Version> found = versionId == null
                    ? versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1))
                    : versions.stream().filter(v -> v.id().equals(versionId)).findFirst();
            Runnable change = onFirstTouch.remove(key);
            if (change != null) {
                change.run();
            }
            return found;
        }

        @Override
        public Optional<ObjectInfo> head(String bucket, String key, String versionId) {
            return find(key, versionId).map(v -> new ObjectInfo(bucket, key, v.id(), v.bytes().length, v.metadata()));
        }

        @Override
        public Optional<byte[]> read(String bucket, String key, String versionId) {
            return find(key, versionId).map(Version::bytes);
        }

        @Override
        public Optional<String> sha256(String bucket, String key, String versionId) {
            return find(key, versionId).map(v -> sha(v.bytes()));
        }

        @Override
        public List<String> list(String bucket, String prefix) {
            return objects.keySet().stream().filter(key -> key.startsWith(prefix)).toList();
        }

        @Override
        public List<String> versions(String bucket, String key) {
            return objects.getOrDefault(key, List.of()).stream().map(Version::id).toList();
        }
    }

    /** The evidence here has no receipts, so the trace never reaches Hyperproof. */
    private static final class NoProofs implements ProofSource {
        @Override
        public Optional<Proof> proof(String proofId) {
            throw new AssertionError("no proof should be looked up");
        }

        @Override
        public String contentsSha256(String proofId, int version) {
            throw new AssertionError("no proof should be looked up");
        }
    }
}
