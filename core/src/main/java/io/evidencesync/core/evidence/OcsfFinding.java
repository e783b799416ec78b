package io.evidencesync.core.evidence;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Recognises an OCSF finding and reads its policy, status and (when present) compliance object into a
 * {@link SummaryCollector}.
 */
final class OcsfFinding {
    private OcsfFinding() {
    }

    /** OCSF events always carry a numeric {@code class_uid}. */
    static boolean looksLikeOcsf(JsonObject object) {
        JsonElement classUid = object.get("class_uid");
        return classUid != null && classUid.isJsonPrimitive() && classUid.getAsJsonPrimitive().isNumber();
    }

    static void collect(JsonObject finding, SummaryCollector collector) {
        collector.record();
        JsonElement policy = finding.get("policy");
        if (policy != null && policy.isJsonObject()) {
            SummaryCollector.eachString(policy.getAsJsonObject().get("uid"), collector::policyRule);
        }
        SummaryCollector.eachString(finding.get("status"), collector::result);
        JsonElement compliance = finding.get("compliance");
        if (compliance != null && compliance.isJsonObject()) {
            JsonObject object = compliance.getAsJsonObject();
            SummaryCollector.eachString(object.get("control"), collector::control);
            SummaryCollector.eachString(object.get("requirements"), collector::requirement);
            SummaryCollector.eachString(object.get("standards"), collector::framework);
            SummaryCollector.eachString(object.get("status"), collector::complianceStatus);
        }
    }
}
