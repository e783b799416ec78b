package io.evidencesync.cli.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.evidence.EvidenceSummary;
import io.evidencesync.core.publish.PublishResult;
import io.evidencesync.core.publish.PublishedObject;

class ObjectsOutputTest {
    private static final Gson GSON = new Gson();

    @Test
    void shouldListEveryObjectWhenTheyFit() {
        GitHubReporter.Listed listed = GitHubReporter.objectsJson(JobSummaryTest.result(3), GitHubReporter.OBJECTS_LIMIT_BYTES);

        assertThat(listed.count()).isEqualTo(3);
        assertThat(entries(listed.json())).extracting(entry -> entry.get("path"))
                .containsExactly("reports/scan-0.json", "reports/scan-1.json", "reports/scan-2.json");
    }

    @Test
    void shouldListOnlyTheObjectsThatFitInGitHubsOutputLimit() {
        PublishResult result = JobSummaryTest.result(10_000);

        GitHubReporter.Listed listed = GitHubReporter.objectsJson(result, GitHubReporter.OBJECTS_LIMIT_BYTES);

        assertThat(listed.json().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(GitHubReporter.OBJECTS_LIMIT_BYTES);
        assertThat(listed.count()).isBetween(1_000, 9_999);
        List<Map<String, Object>> entries = entries(listed.json());
        assertThat(entries).hasSize(listed.count());
        assertThat(entries.get(0)).containsEntry("key", result.objects().get(0).key()).containsKeys("versionId", "sha256", "size");
        // one byte less and the last of them no longer fits
        assertThat(GitHubReporter.objectsJson(result, listed.json().getBytes(StandardCharsets.UTF_8).length - 1).count())
                .isEqualTo(listed.count() - 1);
    }

    @Test
    void shouldWriteOneLineWithNullVersionIdsAndHtmlCharactersAsTheyAre() {
        PublishResult result = new PublishResult("bucket", List.of(new PublishedObject("r/<a&b>.json",
                "evidence/files/r/<a&b>.json", null, "e", "0".repeat(64), 10, new EvidenceSummary(EvidenceFormat.OCSF_JSON,
                false, 1, new TreeSet<>(List.of("AC-2", "CM-6")), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(),
                new TreeMap<>(), new TreeMap<>()), PublishedObject.Outcome.UPLOADED)), "evidence/manifest.json", null, false);

        assertThat(GitHubReporter.objectsJson(result, GitHubReporter.OBJECTS_LIMIT_BYTES).json()).isEqualTo(
                "[{\"key\":\"evidence/files/r/<a&b>.json\",\"versionId\":null,\"sha256\":\"" + "0".repeat(64)
                        + "\",\"size\":10,\"path\":\"r/<a&b>.json\",\"controls\":[\"AC-2\",\"CM-6\"]}]");
    }

    private static List<Map<String, Object>> entries(String json) {
        return GSON.fromJson(json, new TypeToken<List<Map<String, Object>>>() { }.getType());
    }
}
