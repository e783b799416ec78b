package io.evidencesync.core.evidence;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Reads an OCSF finding's policy, status and (when present) compliance object into a
 * {@link SummaryCollector}.
 */
final class OcsfFinding {
    private OcsfFinding() {
    }

    /**
     * Collects a finding from the fields that matter, read without building the whole object: {@code policy},
     * {@code status} and {@code compliance} (the caller skips every other field).
     */
    static void collect(JsonElement policy, JsonElement status, JsonElement compliance, SummaryCollector collector) {
        collector.record();
        if (policy != null && policy.isJsonObject()) {
            SummaryCollector.eachString(policy.getAsJsonObject().get("uid"), collector::policyRule);
        }
        SummaryCollector.eachString(status, collector::result);
        if (compliance != null && compliance.isJsonObject()) {
            JsonObject object = compliance.getAsJsonObject();
            SummaryCollector.eachString(object.get("control"), collector::control);
            SummaryCollector.eachString(object.get("requirements"), collector::requirement);
            SummaryCollector.eachString(object.get("standards"), collector::framework);
            SummaryCollector.eachString(object.get("status"), collector::complianceStatus);
        }
    }
}
