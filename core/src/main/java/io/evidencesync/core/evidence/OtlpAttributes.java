package io.evidencesync.core.evidence;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Reads the compliance attributes of one OTLP log record ({@code attributes: [{key, value: AnyValue}]}) into a
 * {@link SummaryCollector}. Accepts both the ComplyBeacon names ({@code policy.rule.id},
 * {@code policy.evaluation.result}) and the older ones seen in its samples ({@code policy.id},
 * {@code policy.evaluation.status}).
 */
final class OtlpAttributes {
    private OtlpAttributes() {
    }

    /** Collects one log record whose {@code attributes} value is given (null when the record has none). */
    static void collect(JsonElement attributes, SummaryCollector collector) {
        collector.record();
        if (attributes == null || !attributes.isJsonArray()) {
            return;
        }
        for (JsonElement attribute : attributes.getAsJsonArray()) {
            if (!attribute.isJsonObject()) {
                continue;
            }
            JsonObject keyValue = attribute.getAsJsonObject();
            JsonElement key = keyValue.get("key");
            if (key == null || !key.isJsonPrimitive()) {
                continue;
            }
            JsonElement value = anyValue(keyValue.get("value"));
            switch (key.getAsString()) {
                case "compliance.control.id" -> SummaryCollector.eachString(value, collector::control);
                case "compliance.status" -> SummaryCollector.eachString(value, collector::complianceStatus);
                case "compliance.frameworks" -> SummaryCollector.eachString(value, collector::framework);
                case "compliance.requirements" -> SummaryCollector.eachString(value, collector::requirement);
                case "policy.rule.id", "policy.id" -> SummaryCollector.eachString(value, collector::policyRule);
                case "policy.evaluation.result", "policy.evaluation.status" ->
                        SummaryCollector.eachString(value, collector::result);
                default -> {
                    // other attributes are not needed for routing or reporting
                }
            }
        }
    }

    /** Unwraps an OTLP {@code AnyValue} to a JSON string or array of strings. */
    private static JsonElement anyValue(JsonElement value) {
        if (value == null || !value.isJsonObject()) {
            return null;
        }
        JsonObject any = value.getAsJsonObject();
        for (String scalar : new String[] {"stringValue", "intValue", "doubleValue", "boolValue"}) {
            if (any.has(scalar)) {
                return any.get(scalar);
            }
        }
        if (any.has("arrayValue") && any.get("arrayValue").isJsonObject()) {
            JsonElement values = any.getAsJsonObject("arrayValue").get("values");
            if (values != null && values.isJsonArray()) {
                com.google.gson.JsonArray unwrapped = new com.google.gson.JsonArray();
                values.getAsJsonArray().forEach(element -> {
                    JsonElement inner = anyValue(element);
                    if (inner != null) {
                        unwrapped.add(inner);
                    }
                });
                return unwrapped;
            }
        }
        return null;
    }
}
