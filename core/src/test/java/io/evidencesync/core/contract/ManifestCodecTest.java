package io.evidencesync.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/** The manifest as docs/contract.md shows it: written member by member, read back by reflection. */
class ManifestCodecTest {
    private static final ManifestEntry OCSF = new ManifestEntry("evidence/jenkins/app/42/1/files/scan.json",
            "scan.json", 2185, "a".repeat(64), "ocsf-json", false, 3, List.of("AC-2", "CM-6"), List.of("NIST"),
            List.of("AC-2(1)"), List.of("rule-1"), Map.of("pass", 2L, "fail", 1L, "error", 0L), "v1", "\"etag-1\"");
    private static final ManifestEntry UNVERSIONED = new ManifestEntry("evidence/jenkins/app/42/1/files/a.json.gz",
            "a.json.gz", 10, "b".repeat(64), "otlp-json", true, 0, List.of(), List.of(), List.of(), List.of(),
            Map.of(), null, "\"etag-2\"");

    @Test
    void shouldWriteTheMembersInTheDocumentedOrderAndLeaveOutNulls() {
        String json = new String(ManifestCodec.toJson(manifest()), StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\n  \"schema\": \"evidence-sync/manifest/v1\",\n  \"bucket\": \"acme-evidence\",\n"
                + "  \"provenance\": {\n    \"cicd.system\": \"jenkins\",\n    \"cicd.pipeline.name\": \"team/app <build>\"\n  },\n"
                + "  \"producer\": \"evidence-sync-cli/0.1.0\",\n  \"publishedAt\": \"2026-11-27T10:00:00Z\",\n  \"objects\": [\n");
        assertThat(json).containsSubsequence("\"key\"", "\"path\"", "\"size\": 2185", "\"sha256\"", "\"format\"",
                "\"compressed\": false", "\"records\": 3", "\"controls\"", "\"frameworks\"", "\"requirements\"",
                "\"policyRules\"", "\"results\"", "\"versionId\": \"v1\"", "\"etag\": \"\\\"etag-1\\\"\"");
        assertThat(json).containsOnlyOnce("versionId");
    }

    @Test
    void shouldSortResultsByNameSoThatTheSameManifestIsAlwaysTheSameBytes() {
        String json = new String(ManifestCodec.toJson(manifest()), StandardCharsets.UTF_8);

        assertThat(json).contains("\"results\": {\n        \"error\": 0,\n        \"fail\": 1,\n        \"pass\": 2\n      }");
    }

    @Test
    void shouldHoldWhatReflectionWouldWriteAndReadBackTheSameManifest() {
        RunManifest manifest = manifest();
        byte[] json = ManifestCodec.toJson(manifest);

        JsonElement byReflection = new GsonBuilder().create().toJsonTree(manifest);
        assertThat(JsonParser.parseString(new String(json, StandardCharsets.UTF_8))).isEqualTo(byReflection);
        assertThat(ManifestCodec.fromJson("manifest.json", json)).isEqualTo(manifest);
    }

    private static RunManifest manifest() {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("cicd.system", "jenkins");
        provenance.put("cicd.pipeline.name", "team/app <build>");
        return new RunManifest(ManifestCodec.SCHEMA, "acme-evidence", provenance, "evidence-sync-cli/0.1.0",
                "2026-11-27T10:00:00Z", List.of(UNVERSIONED, OCSF));
    }
}
