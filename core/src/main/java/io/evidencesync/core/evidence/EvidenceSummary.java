package io.evidencesync.core.evidence;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one evidence file says, as far as routing and reporting need: its format, whether it was gzip-compressed,
 * how many records it holds, the compliance control ids, frameworks and requirements it names, the policy rules
 * evaluated and the count of each evaluation result.
 */
public record EvidenceSummary(
        EvidenceFormat format,
        boolean compressed,
        long records,
        SortedSet<String> controls,
        SortedSet<String> frameworks,
        SortedSet<String> requirements,
        SortedSet<String> policyRules,
        SortedMap<String, Long> results,
        SortedMap<String, Long> complianceStatuses) {

    public EvidenceSummary {
        controls = Collections.unmodifiableSortedSet(new TreeSet<>(controls));
        frameworks = Collections.unmodifiableSortedSet(new TreeSet<>(frameworks));
        requirements = Collections.unmodifiableSortedSet(new TreeSet<>(requirements));
        policyRules = Collections.unmodifiableSortedSet(new TreeSet<>(policyRules));
        results = Collections.unmodifiableSortedMap(new TreeMap<>(results));
        complianceStatuses = Collections.unmodifiableSortedMap(new TreeMap<>(complianceStatuses));
    }

    /** The summary of a file published without being parsed. */
    public static EvidenceSummary opaque(boolean compressed) {
        return new EvidenceSummary(EvidenceFormat.OPAQUE, compressed, 0, new TreeSet<>(), new TreeSet<>(),
                new TreeSet<>(), new TreeSet<>(), new TreeMap<>(), new TreeMap<>());
    }
}
