package io.evidencesync.core.evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of an OCSF finding that the summary needs, as {@link DocumentScanner} and {@link FindingSkimmer} read
 * them: whether {@code class_uid} is a number, the strings of {@code policy.uid}, {@code status} when it is a string,
 * and the strings of the {@code compliance} object. One instance per file, refilled for each finding: no objects per
 * finding.
 */
final class Finding {
    boolean numericClassUid;
    final List<String> policyUids = new ArrayList<>(1);
    String status;
    final JsonStrings.Compliance compliance = new JsonStrings.Compliance();

    void reset() {
        numericClassUid = false;
        policyUids.clear();
        status = null;
        compliance.clear();
    }

    boolean isOcsf() {
        return numericClassUid;
    }

    void collect(SummaryCollector collector) {
        // index loops: an iterator, or a method reference, would be a new object per finding under C1
        collector.record();
        for (int i = 0; i < policyUids.size(); i++) {
            collector.policyRule(policyUids.get(i));
        }
        collector.result(status);
        for (int i = 0; i < compliance.controls.size(); i++) {
            collector.control(compliance.controls.get(i));
        }
        for (int i = 0; i < compliance.requirements.size(); i++) {
            collector.requirement(compliance.requirements.get(i));
        }
        for (int i = 0; i < compliance.standards.size(); i++) {
            collector.framework(compliance.standards.get(i));
        }
        for (int i = 0; i < compliance.statuses.size(); i++) {
            collector.complianceStatus(compliance.statuses.get(i));
        }
    }
}
