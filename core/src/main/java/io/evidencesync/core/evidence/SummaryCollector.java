package io.evidencesync.core.evidence;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Accumulates what the scanners find while a file is read; one instance per file. Values are gathered in hash
 * sets and sorted once, when the summary is made: a large file repeats the same few values hundreds of thousands
 * of times, and this runs for every record.
 */
final class SummaryCollector {
    private long records;
    private final Set<String> controls = new HashSet<>();
    private final Set<String> frameworks = new HashSet<>();
    private final Set<String> requirements = new HashSet<>();
    private final Set<String> policyRules = new HashSet<>();
    private final Map<String, Count> results = new HashMap<>();
    private final Map<String, Count> complianceStatuses = new HashMap<>();

    /** A mutable count: no boxed {@code Long} per record. */
    private static final class Count {
        private long value;
    }

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
    void attribute(String key, List<String> values) {
        for (String value : values) {
            switch (key) {
                case "compliance.control.id" -> control(value);
                case "compliance.status" -> complianceStatus(value);
                case "compliance.frameworks" -> framework(value);
                case "compliance.requirements" -> requirement(value);
                case "policy.rule.id", "policy.id" -> policyRule(value);
                case "policy.evaluation.result", "policy.evaluation.status" -> result(value);
                default -> {
                    return; // other attributes are not needed for routing or reporting
                }
            }
        }
    }

    /** Adds what another collector found in another part of the same file. */
    void add(SummaryCollector other) {
        records += other.records;
        controls.addAll(other.controls);
        frameworks.addAll(other.frameworks);
        requirements.addAll(other.requirements);
        policyRules.addAll(other.policyRules);
        addCounts(results, other.results);
        addCounts(complianceStatuses, other.complianceStatuses);
    }

    private static void addCounts(Map<String, Count> into, Map<String, Count> from) {
        from.forEach((value, count) -> into.computeIfAbsent(value, unused -> new Count()).value += count.value);
    }

    EvidenceSummary summary(EvidenceFormat format, boolean compressed) {
        return new EvidenceSummary(format, compressed, records, new TreeSet<>(controls), new TreeSet<>(frameworks),
                new TreeSet<>(requirements), new TreeSet<>(policyRules), counts(results), counts(complianceStatuses));
    }

    private static TreeMap<String, Long> counts(Map<String, Count> counts) {
        TreeMap<String, Long> sorted = new TreeMap<>();
        counts.forEach((value, count) -> sorted.put(value, count.value));
        return sorted;
    }

    private static void splitInto(Set<String> set, String value) {
        if (value == null) {
            return;
        }
        if (value.indexOf(',') < 0) {
            addNonBlank(set, value);
            return;
        }
        for (String part : value.split(",")) {
            addNonBlank(set, part);
        }
    }

    private static void addNonBlank(Set<String> set, String value) {
        if (value != null && !value.isBlank()) {
            set.add(value.strip());
        }
    }

    private static void count(Map<String, Count> map, String value) {
        if (value != null && !value.isBlank()) {
            map.computeIfAbsent(value.strip(), unused -> new Count()).value++;
        }
    }
}
