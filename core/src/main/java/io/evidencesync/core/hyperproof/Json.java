package io.evidencesync.core.hyperproof;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/** Small Gson helpers for Hyperproof responses. */
final class Json {
    private Json() {
    }

    static JsonElement parse(String body, String what) {
        try {
            return JsonParser.parseString(body == null ? "" : body);
        } catch (JsonParseException e) {
            throw new HyperproofException(what + " is not JSON", 0, true, e);
        }
    }

    static JsonObject object(String body, String what) {
        JsonElement element = parse(body, what);
        if (!element.isJsonObject()) {
            throw new HyperproofException(what + " is not a JSON object", 0, true);
        }
        return element.getAsJsonObject();
    }

    /** An array, either the body itself or its {@code data} member. */
    static JsonArray array(JsonElement element, String what) {
        if (element.isJsonArray()) {
            return element.getAsJsonArray();
        }
        if (element.isJsonObject() && element.getAsJsonObject().has("data")
                && element.getAsJsonObject().get("data").isJsonArray()) {
            return element.getAsJsonObject().getAsJsonArray("data");
        }
        throw new HyperproofException(what + " is not a JSON array", 0, true);
    }

    static String string(JsonObject object, String name) {
        JsonElement value = object.get(name);
        return value == null || value.isJsonNull() ? null : value.isJsonPrimitive() ? value.getAsString() : value.toString();
    }

    static long number(JsonObject object, String name, long fallback) {
        JsonElement value = object.get(name);
        if (value == null || value.isJsonNull() || !value.isJsonPrimitive()) {
            return fallback;
        }
        try {
            return value.getAsLong();
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static Proof proof(JsonObject object) {
        return new Proof(string(object, "id"), string(object, "filename"), (int) number(object, "version", 0),
                string(object, "sourceId"), string(object, "sourceFileId"), number(object, "size", -1),
                string(object, "status"));
    }

    static HyperproofControl control(JsonObject object) {
        return new HyperproofControl(string(object, "id"), string(object, "controlIdentifier"),
                string(object, "name"), string(object, "status"));
    }
}
