package io.jenkins.plugins.evidencesync;

import static org.assertj.core.api.Assertions.assertThat;

import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.evidence.EvidenceSummary;
import io.evidencesync.core.publish.PublishedObject;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Pipeline step's return value holds only types a sandboxed script and the program state can take. */
class UploadReportTest {
    @Test
    void shouldReturnPlainMapsListsAndValues() {
        EvidenceSummary summary = new EvidenceSummary(EvidenceFormat.OTLP_JSON, false, 1,
                new TreeSet<>(List.of("OSPS-QA-07.01")), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(),
                new TreeMap<>(), new TreeMap<>());
        PublishedObject object = new PublishedObject("reports/otlp.json", "evidence/jenkins/app/1/1/files/reports/otlp.json",
                "v1", "\"etag\"", "ab12", 2185, summary, PublishedObject.Outcome.UPLOADED);
        UploadReport report = new UploadReport("acme-evidence", "evidence/jenkins/app/1/1/manifest.json", "mv1", false,
                List.of(new PublishedEvidence(object, "d41d8cd98f00b204e9800998ecf8427e")));

        Map<String, Object> result = report.toPipelineResult();

        assertThat(result).containsEntry("published", true)
                .containsEntry("bucket", "acme-evidence")
                .containsEntry("manifestKey", "evidence/jenkins/app/1/1/manifest.json")
                .containsEntry("manifestVersionId", "mv1")
                .containsEntry("dryRun", false);
        assertThat(result.get("objects")).asInstanceOf(InstanceOfAssertFactories.LIST).singleElement().isInstanceOfSatisfying(Map.class, entry -> {
            assertThat(entry).containsEntry("key", "evidence/jenkins/app/1/1/files/reports/otlp.json")
                    .containsEntry("uri", "s3://acme-evidence/evidence/jenkins/app/1/1/files/reports/otlp.json")
                    .containsEntry("versionId", "v1")
                    .containsEntry("sha256", "ab12")
                    .containsEntry("size", 2185L)
                    .containsEntry("format", "otlp-json")
                    .containsEntry("controls", List.of("OSPS-QA-07.01"))
                    .containsEntry("outcome", "UPLOADED");
        });
        assertThat(result.getClass().getName()).startsWith("java.util.");
    }

    @Test
    void shouldSayWhatFailedWhenThePolicyLetTheBuildGoOn() {
        Map<String, Object> result = UploadReport.failedPipelineResult("acme-evidence", "S3 said no");

        assertThat(result).containsEntry("published", false).containsEntry("error", "S3 said no");
        assertThat(result.get("objects")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
    }
}
