package io.evidencesync.core.evidence;

import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Accumulates what the scanners find while a file is read; one instance per file. */
final class SummaryCollector {
    private long records;
    private final SortedSet<String> controls = new TreeSet<>();
    private final SortedSet<String> frameworks = new TreeSet<>();
    private final SortedSet<String> requirements = new TreeSet<>();
    private final SortedSet<String> policyRules = new TreeSet<>();
    private final SortedMap<String, Long> results = new TreeMap<>();
    private final SortedMap<String, Long> complianceStatuses = new TreeMap<>();

    void record() {
        records++;
    }

    void control(String value) {
        addNonBlank(controls, value);
    }

    void framework(String value) {
        splitInto(frameworks, value);
    }

    void requirement(String value) {
        splitInto(requirements, value);
    }

    void policyRule(String value) {
        addNonBlank(policyRules, value);
    }

    void result(String value) {
        count(results, value);
    }

    void complianceStatus(String value) {
        count(complianceStatuses, value);
    }

    /** One OTLP log record attribute, by its ComplyBeacon name (older names seen in its samples too). */
    void attribute(String key, java.util.List<String> values) {
        switch (key) {
            case "compliance.control.id" -> values.forEach(this::control);
            case "compliance.status" -> values.forEach(this::complianceStatus);
            case "compliance.frameworks" -> values.forEach(this::framework);
            case "compliance.requirements" -> values.forEach(this::requirement);
            case "policy.rule.id", "policy.id" -> values.forEach(this::policyRule);
            case "policy.evaluation.result", "policy.evaluation.status" -> values.forEach(this::result);
            default -> {
                // other attributes are not needed for routing or reporting
            }
        }
    }

    EvidenceSummary summary(EvidenceFormat format, boolean compressed) {
        return new EvidenceSummary(format, compressed, records, controls, frameworks, requirements, policyRules,
                results, complianceStatuses);
    }

    private static void splitInto(SortedSet<String> set, String value) {
        if (value == null) {
            return;
        }
        for (String part : value.split(",")) {
            addNonBlank(set, part);
        }
    }

    private static void addNonBlank(SortedSet<String> set, String value) {
        if (value != null && !value.isBlank()) {
            set.add(value.strip());
        }
    }

    private static void count(SortedMap<String, Long> map, String value) {
        if (value != null && !value.isBlank()) {
            map.merge(value.strip(), 1L, Long::sum);
        }
    }
}
