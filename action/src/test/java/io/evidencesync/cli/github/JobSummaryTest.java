package io.evidencesync.cli.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.evidencesync.cli.provenance.ProvenanceOptions.ResolvedBuild;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.evidence.EvidenceSummary;
import io.evidencesync.core.provenance.BuildProvenance;
import io.evidencesync.core.publish.PublishResult;
import io.evidencesync.core.publish.PublishedObject;

class JobSummaryTest {
    private static final ResolvedBuild BUILD = new ResolvedBuild(BuildProvenance.builder().ciSystem("github-actions")
            .pipelineName("acme/app/CI").runId("1").runUrl("https://github.com/acme/app/actions/runs/1/attempts/1").build(),
            Map.of(), "github-actions");

    @Test
    void shouldStayWithinGitHubsLimitAndSayWhatWasLeftOut() {
        PublishResult result = result(20_000);

        String summary = JobSummary.published(result, BUILD, JobSummary.LIMIT_BYTES);

        assertThat(summary.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo((int) JobSummary.LIMIT_BYTES);
        int shown = (int) summary.lines().filter(line -> line.startsWith("| reports/")).count();
        assertThat(shown).isBetween(1000, 19_999);
        assertThat(summary).contains("_" + (20_000 - shown) + " more not shown: GitHub limits a job summary to 1 MiB."
                + " The run manifest lists every file._");
    }

    @Test
    void shouldUseOnlyWhatIsLeftOfTheBudget() {
        String summary = JobSummary.published(result(50), BUILD, 2_000);

        assertThat(summary.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2_000);
    }

    @Test
    void shouldEscapeFileNamesInTableCells() {
        assertThat(JobSummary.cell("a|b_<script>*x*\n[y](z)")).isEqualTo("a\\|b\\_&lt;script&gt;\\*x\\* \\[y\\](z)");
    }

    static PublishResult result(int files) {
        List<PublishedObject> objects = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            String path = "reports/scan-" + i + ".json";
            objects.add(new PublishedObject(path, "evidence/github-actions/acme/app/CI/1/1/files/" + path, "v" + i, "e",
                    "0".repeat(64), 10, new EvidenceSummary(EvidenceFormat.OCSF_JSON, false, 1,
                    new TreeSet<>(List.of("OSPS-QA-07.01")), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(),
                    new TreeMap<>(Map.of("failure", 1L)), new TreeMap<>()), PublishedObject.Outcome.UPLOADED));
        }
        return new PublishResult("bucket", objects, "evidence/github-actions/acme/app/CI/1/1/manifest.json", null, false);
    }
}
