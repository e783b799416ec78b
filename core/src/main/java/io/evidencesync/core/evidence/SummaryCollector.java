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
    private final Recent recentControls = new Recent();
    private final Recent recentFrameworks = new Recent();
    private final Recent recentRequirements = new Recent();
    private final Recent recentPolicyRules = new Recent();
    private final Recent recentResults = new Recent();
    private final Recent recentComplianceStatuses = new Recent();

    /** A mutable count: no boxed {@code Long} per record. */
    private static final class Count {
        private long value;
    }

    /**
     * The String instances met last, by slot, with what each came to: the readers hand out one instance for each
     * recurring short value ({@link JsonStrings}), so a value met again needs no strip, no blank check and no set
     * or map lookup (together about 5% of a large publish's CPU).
     */
    private static final class Recent {
        private static final int SLOTS = 64;
        private final String[] values = new String[SLOTS];
        /** The count a value adds to; null for a blank value, which counts nothing. */
        private final Count[] counts = new Count[SLOTS];

        /** True when {@code value} is the very instance met last in its slot. */
        boolean isRecent(String value) {
            return values[slot(value)] == value;
        }

        Count count(String value) {
            return counts[slot(value)];
        }

        void remember(String value, Count count) {
            int slot = slot(value);
            values[slot] = value;
            counts[slot] = count;
        }

        private static int slot(String value) {
            return value.hashCode() & (SLOTS - 1);
        }
    }

    void record() {
        records++;
    }

    void control(String value) {
        if (isNew(recentControls, value)) {
            addNonBlank(controls, value);
        }
    }

    void framework(String value) {
        if (isNew(recentFrameworks, value)) {
            splitInto(frameworks, value);
        }
    }

    void requirement(String value) {
        if (isNew(recentRequirements, value)) {
            splitInto(requirements, value);
        }
    }

    void policyRule(String value) {
        if (isNew(recentPolicyRules, value)) {
            addNonBlank(policyRules, value);
        }
    }

    void result(String value) {
        count(results, recentResults, value);
    }

    void complianceStatus(String value) {
        count(complianceStatuses, recentComplianceStatuses, value);
    }

    /** False for null, and for the instance just added to the same set: adding it again would change nothing. */
    private static boolean isNew(Recent recent, String value) {
        if (value == null || recent.isRecent(value)) {
            return false;
        }
        recent.remember(value, null);
        return true;
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

    private static void count(Map<String, Count> map, Recent recent, String value) {
        if (value == null) {
            return;
        }
        Count count;
        if (recent.isRecent(value)) {
            count = recent.count(value);
        } else {
            count = value.isBlank() ? null : map.computeIfAbsent(value.strip(), unused -> new Count());
            recent.remember(value, count);
        }
        if (count != null) {
            count.value++;
        }
    }
}
