package io.evidencesync.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.provenance.BuildProvenance;

/** Pins contract version 1 (docs/contract.md): changing any expectation here is a contract change. */
class EvidenceContractTest {
    static final BuildProvenance JENKINS = BuildProvenance.builder().ciSystem("jenkins")
            .pipelineName("team/app build").runId("42").runUrl("https://ci.example.com/job/team/job/app/42/")
            .repositoryUrl("https://github.com/acme/app.git").revision("0123456789abcdef").ref("main").build();
    private static final String SHA = "a".repeat(64);

    @Test
    void shouldLayOutKeysPerRunAttempt() {
        assertThat(EvidenceContract.runPrefix("evidence", JENKINS)).isEqualTo("evidence/jenkins/team/app%20build/42/1/");
        assertThat(EvidenceContract.evidenceKey("evidence/", JENKINS, "reports/scan.json"))
                .isEqualTo("evidence/jenkins/team/app%20build/42/1/files/reports/scan.json");
        assertThat(EvidenceContract.manifestKey("", JENKINS)).isEqualTo("jenkins/team/app%20build/42/1/manifest.json");
    }

    @Test
    void shouldIndexAGitHubRunAttemptAlsoUnderItsRunPageAndFindItFromEither() {
        String attempt = "https://github.com/acme/app/actions/runs/9001/attempts/2";

        assertThat(EvidenceContract.indexedRunUrls(attempt))
                .containsExactly(attempt, "https://github.com/acme/app/actions/runs/9001");
        assertThat(EvidenceContract.indexedRunUrls(JENKINS.runUrl())).containsExactly(JENKINS.runUrl());
        assertThat(EvidenceContract.findsRun("https://github.com/acme/app/actions/runs/9001/", attempt)).isTrue();
        assertThat(EvidenceContract.findsRun(attempt, attempt)).isTrue();
        assertThat(EvidenceContract.findsRun("https://ci.example.com/job/team/job/app/42", JENKINS.runUrl())).isTrue();
        assertThat(EvidenceContract.findsRun("https://github.com/acme/app/actions/runs/9001/attempts/1", attempt))
                .as("another attempt").isFalse();
        assertThat(EvidenceContract.findsRun("https://ci.example.com/job/team/job/app/4", JENKINS.runUrl())).isFalse();
        assertThat(EvidenceContract.sameRunUrl(JENKINS.runUrl(), "https://ci.example.com/job/team/job/app/42")).isTrue();
        assertThat(EvidenceContract.sameRunUrl(attempt, "https://github.com/acme/app/actions/runs/9001"))
                .as("a run page is not the attempt's recorded URL").isFalse();
        assertThat(EvidenceContract.sameRunUrl(null, attempt)).isFalse();
    }

    @Test
    void shouldKeepTheOnlyFilesSegmentOfAKeyForTheRunsEvidenceFiles() {
        BuildProvenance named = BuildProvenance.builder().ciSystem("files").pipelineName("acme/files/files")
                .runId("files").runUrl("https://github.com/acme/files/actions/runs/1").build();

        assertThat(EvidenceContract.manifestKey("evidence", named))
                .isEqualTo("evidence/%66iles/acme/%66iles/%66iles/%66iles/1/manifest.json")
                .satisfies(key -> assertThat(EvidenceContract.isManifestKey(key)).isTrue());
        assertThat(EvidenceContract.evidenceKey("evidence", named, "files/r.json"))
                .isEqualTo("evidence/%66iles/acme/%66iles/%66iles/%66iles/1/files/files/r.json");
        assertThat(KeyEncoding.decode("%66iles")).isEqualTo("files");
        assertThatThrownBy(() -> EvidenceContract.manifestKey("ci/files", named))
                .hasMessageContaining("prefix 'ci/files' may not have a segment named 'files'");
    }

    @Test
    void shouldEncodeAnyFileNameIntoASafeReversibleKey() {
        String key = EvidenceContract.evidenceKey("e", JENKINS, "we!rd/../ä ö/x+y:z?.json");

        assertThat(key).isEqualTo("e/jenkins/team/app%20build/42/1/files/we%21rd/%2E%2E/%C3%A4%20%C3%B6/x%2By%3Az%3F.json");
        assertThat(KeyEncoding.decode("we%21rd/%2E%2E/%C3%A4%20%C3%B6/x%2By%3Az%3F.json")).isEqualTo("we!rd/../ä ö/x+y:z?.json");
    }

    @Test
    void shouldRefuseKeysThatLeaveNoRoomForTheReceiptKey() {
        String longPath = "dir/".repeat(210) + "evidence.json";
        String fits = "dir/".repeat(200) + "evidence.json";

        assertThatThrownBy(() -> EvidenceContract.evidenceKey("evidence", JENKINS, longPath))
                .isInstanceOf(EvidenceException.class)
                .hasMessageStartingWith("evidence file '" + longPath + "': its S3 key would be 898 bytes, but evidence"
                        + " keys may have at most 896 (S3 allows 1024, and the bridge's receipt key adds up to 128)");
        String key = EvidenceContract.evidenceKey("evidence", JENKINS, fits);
        String receipt = EvidenceContract.receiptKey(EvidenceContract.DEFAULT_RECEIPTS_PREFIX, key,
                "Vb9ow.DAxbxRPRoBOr5lp2Xn5r3D7lWx"); // an S3 version id's length
        assertThat(receipt.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(EvidenceContract.MAX_KEY_BYTES);
    }

    @Test
    void shouldRefuseAmbiguousPrefixes() {
        assertThatThrownBy(() -> EvidenceContract.normalizePrefix("/abs")).hasMessageContaining("prefix '/abs'");
        assertThatThrownBy(() -> EvidenceContract.normalizePrefix("a//b")).hasMessageContaining("prefix 'a//b'");
        for (String ambiguous : new String[] {".", "..", "a/.", "a/./b", "a/..", "a/../b", "./a", "../a"}) {
            assertThatThrownBy(() -> EvidenceContract.normalizePrefix(ambiguous)).as(ambiguous)
                    .hasMessageContaining("prefix '" + ambiguous + "'").hasMessageContaining("'.' or '..' segments");
        }
        assertThat(EvidenceContract.normalizePrefix("a/b/")).isEqualTo("a/b/");
        assertThat(EvidenceContract.normalizePrefix("v1..2/.well/x.")).as("dots inside a segment").isEqualTo("v1..2/.well/x./");
    }

    @Test
    void shouldWriteCompactMetadataAndReadItBack() {
        Map<String, String> metadata = EvidenceContract.objectMetadata(JENKINS, SHA, EvidenceFormat.OTLP_JSON, true,
                "evidence/jenkins/team/app%20build/42/1/manifest.json", "OSPS-QA-07.01");

        assertThat(metadata).containsExactly(
                entry("evidence-schema", "1"),
                entry("evidence-sha256", SHA),
                entry("evidence-format", "otlp-json"),
                entry("evidence-encoding", "gzip"),
                entry("evidence-manifest", "evidence/jenkins/team/app%20build/42/1/manifest.json"),
                entry("hyperproof-control", "OSPS-QA-07.01"),
                entry("cicd-system", "jenkins"),
                entry("cicd-pipeline-name", "team/app build"),
                entry("cicd-run-id", "42"),
                entry("cicd-run-attempt", "1"),
                entry("cicd-run-url", "https://ci.example.com/job/team/job/app/42/"),
                entry("vcs-revision", "0123456789abcdef"));
        EvidenceMetadata read = EvidenceContract.readMetadata("k", metadata);
        assertThat(read.sha256()).isEqualTo(SHA);
        assertThat(read.compressed()).isTrue();
        assertThat(read.controlOverride()).isEqualTo("OSPS-QA-07.01");
        assertThat(read.runUrl()).isEqualTo("https://ci.example.com/job/team/job/app/42/");
    }

    @Test
    void shouldEncodeNonAsciiMetadataAsRfc2047() {
        BuildProvenance provenance = BuildProvenance.builder().ciSystem("jenkins").pipelineName("équipe/app")
                .runId("1").runUrl("https://ci/1/").build();

        Map<String, String> metadata = EvidenceContract.objectMetadata(provenance, SHA, EvidenceFormat.OCSF_JSON, false,
                null, null);

        assertThat(metadata.get("cicd-pipeline-name")).isEqualTo("=?UTF-8?B?w6lxdWlwZS9hcHA=?=");
        assertThat(EvidenceContract.readMetadata("k", metadata).pipelineName()).isEqualTo("équipe/app");
    }

    @Test
    void shouldRefuseMetadataOverTwoKilobytes() {
        BuildProvenance provenance = BuildProvenance.builder().ciSystem("jenkins").pipelineName("p").runId("1")
                .runUrl("https://ci/" + "x".repeat(2100)).build();

        assertThatThrownBy(() -> EvidenceContract.objectMetadata(provenance, SHA, EvidenceFormat.OCSF_JSON, false, null, null))
                .hasMessageContaining("but S3 allows 2048; the longest value is 'cicd-run-url'");
    }

    @Test
    void shouldRefuseObjectsWithoutContractMetadata() {
        assertThatThrownBy(() -> EvidenceContract.readMetadata("some/key.json", Map.of()))
                .hasMessage("object 'some/key.json' has no 'evidence-schema' metadata: it was not published through the evidence contract");
    }

    @Test
    void shouldPlaceReceiptsUnderTheirOwnPrefix() {
        String key = "evidence/jenkins/app/42/1/files/scan.json";

        assertThat(EvidenceContract.receiptKey(EvidenceContract.DEFAULT_RECEIPTS_PREFIX, key, "v1"))
                .isEqualTo("evidence-sync-receipts/evidence/jenkins/app/42/1/files/scan.json/v1.json");
        assertThat(EvidenceContract.isReceiptKey("evidence-sync-receipts", "evidence-sync-receipts/x")).isTrue();
        assertThat(EvidenceContract.isReceiptKey("evidence-sync-receipts", key)).isFalse();
        assertThat(EvidenceContract.isManifestKey("evidence/jenkins/app/42/1/manifest.json")).isTrue();
        assertThat(EvidenceContract.isManifestKey(key)).isFalse();
    }

    @Test
    void shouldRoundTripTheManifestAndPinItsFields() {
        RunManifest manifest = new RunManifest(ManifestCodec.SCHEMA, "bucket", JENKINS.toAttributes(), "test/1",
                "2026-11-27T00:00:00Z", List.of(new ManifestEntry("k", "scan.json", 10, SHA, "ocsf-json", false, 1,
                List.of("C-1"), List.of(), List.of(), List.of("rule"), Map.of("failure", 1L), "v1", "\"etag\"")));

        String json = new String(ManifestCodec.toJson(manifest), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).contains("\"schema\": \"evidence-sync/manifest/v1\"", "\"cicd.pipeline.run.url.full\": "
                + "\"https://ci.example.com/job/team/job/app/42/\"", "\"vcs.repository.url.full\": \"https://github.com/acme/app\"",
                "\"sha256\": \"" + SHA + "\"", "\"controls\": [\n        \"C-1\"\n      ]");
        assertThat(ManifestCodec.fromJson("k", ManifestCodec.toJson(manifest))).isEqualTo(manifest);
    }

    @Test
    void shouldMergeManifestsOfOneRunButRefuseChangedBytes() {
        ManifestEntry a = new ManifestEntry("a", "a", 1, SHA, "ocsf-json", false, 1, null, null, null, null, null, null, null);
        ManifestEntry b = new ManifestEntry("b", "b", 1, SHA, "ocsf-json", false, 1, null, null, null, null, null, null, null);
        ManifestEntry changedA = new ManifestEntry("a", "a", 1, "b".repeat(64), "ocsf-json", false, 1, null, null, null, null, null, null, null);
        RunManifest first = new RunManifest(ManifestCodec.SCHEMA, "bucket", Map.of(), "p", "t1", List.of(a));
        RunManifest second = new RunManifest(ManifestCodec.SCHEMA, "bucket", Map.of(), "p", "t2", List.of(b));

        assertThat(second.mergedWith(first).objects()).extracting(ManifestEntry::key).containsExactly("a", "b");
        assertThat(first.coveredBy(second.mergedWith(first))).isTrue();
        assertThatThrownBy(() -> new RunManifest(ManifestCodec.SCHEMA, "bucket", Map.of(), "p", "t3", List.of(changedA)).mergedWith(first))
                .hasMessageContaining("object 'a' is already listed in this run's manifest");
    }

    @Test
    void shouldNameTheFirstEntryALaterManifestVersionDropsOrChanges() {
        ManifestEntry a = new ManifestEntry("a", "a", 1, SHA, "ocsf-json", false, 1, null, null, null, null, null, "v1", null);
        ManifestEntry b = new ManifestEntry("b", "b", 1, SHA, "ocsf-json", false, 1, null, null, null, null, null, "v1", null);
        ManifestEntry otherVersionOfA = new ManifestEntry("a", "a", 1, SHA, "ocsf-json", false, 1, null, null, null, null, null,
                "v2", null);
        ManifestEntry otherBytesOfA = new ManifestEntry("a", "a", 1, "b".repeat(64), "ocsf-json", false, 1, null, null, null,
                null, null, "v1", null);
        RunManifest first = manifest(a);

        assertThat(first.firstNotKeptIn(manifest(a, b))).as("grown").isNull();
        assertThat(first.firstNotKeptIn(manifest(b))).as("dropped").isEqualTo(a);
        assertThat(first.firstNotKeptIn(manifest(otherVersionOfA, b))).as("another S3 version").isEqualTo(a);
        assertThat(first.firstNotKeptIn(manifest(otherBytesOfA))).as("other bytes").isEqualTo(a);
    }

    private static RunManifest manifest(ManifestEntry... entries) {
        return new RunManifest(ManifestCodec.SCHEMA, "bucket", Map.of(), "p", "t", List.of(entries));
    }
}
