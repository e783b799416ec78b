package io.evidencesync.core.evidence;

import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

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

    /** Adds every string found in a JSON value (a string, or an array of strings) through the given sink. */
    static void eachString(JsonElement value, java.util.function.Consumer<String> sink) {
        if (value == null || value.isJsonNull()) {
            return;
        }
        if (value.isJsonArray()) {
            JsonArray array = value.getAsJsonArray();
            array.forEach(element -> eachString(element, sink));
        } else if (value.isJsonPrimitive()) {
            sink.accept(value.getAsString());
        } else if (value.isJsonObject()) {
            JsonObject object = value.getAsJsonObject();
            // OCSF compliance objects name things by "name" or "uid"
            JsonElement named = object.has("uid") ? object.get("uid") : object.get("name");
            eachString(named, sink);
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
