package io.evidencesync.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The collector skips work for a value instance it has just met; the summary must not show it. */
class SummaryCollectorTest {
    private final SummaryCollector collector = new SummaryCollector();

    @Test
    void shouldCountEveryOccurrenceWhetherTheSameInstanceOrAnEqualString() {
        String fail = "fail";
        collector.result(fail);
        collector.result(fail);
        collector.result(new String("fail"));
        collector.result(" fail ");
        collector.result(fail);
        collector.complianceStatus("Pass");
        collector.complianceStatus("Pass");

        EvidenceSummary summary = collector.summary(EvidenceFormat.OCSF_JSON, false);

        assertThat(summary.results()).containsExactly(java.util.Map.entry("fail", 5L));
        assertThat(summary.complianceStatuses()).containsExactly(java.util.Map.entry("Pass", 2L));
    }

    @Test
    void shouldCountNothingForABlankValueHoweverOftenItComes() {
        String blank = "  ";
        collector.result(blank);
        collector.result(blank);
        collector.result(null);
        collector.control(blank);
        collector.control(blank);
        collector.control(null);

        EvidenceSummary summary = collector.summary(EvidenceFormat.OCSF_JSON, false);

        assertThat(summary.results()).isEmpty();
        assertThat(summary.controls()).isEmpty();
    }

    @Test
    void shouldKeepEachDistinctValueOnceWhicheverSetItGoesTo() {
        String standards = "NIST, ISO";
        collector.framework(standards);
        collector.framework(standards);
        collector.control("AC-2");
        collector.control("AC-2 ");
        collector.policyRule("r1");
        collector.policyRule("r1");
        collector.requirement("R-1,R-2");

        EvidenceSummary summary = collector.summary(EvidenceFormat.OCSF_JSON, false);

        assertThat(summary.frameworks()).containsExactly("ISO", "NIST");
        assertThat(summary.controls()).containsExactly("AC-2");
        assertThat(summary.policyRules()).containsExactly("r1");
        assertThat(summary.requirements()).containsExactly("R-1", "R-2");
    }

    @Test
    void shouldKeepCountingIntoTheSameTotalsAfterAnotherPartIsAdded() {
        String fail = "fail";
        SummaryCollector other = new SummaryCollector();
        collector.result(fail);
        other.result(fail);
        other.result("pass");

        collector.add(other);
        collector.result(fail);

        assertThat(collector.summary(EvidenceFormat.OCSF_JSON, false).results())
                .containsEntry("fail", 3L).containsEntry("pass", 1L);
    }
}
