package io.evidencesync.bridge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.evidencesync.core.receipt.Sequencers;

/**
 * Parses the JSON of an S3 event notification, as delivered directly to Lambda or as the body of an SQS message
 * (also when wrapped in an SNS notification), and EventBridge "Object Created" events. Keys in S3 notifications are
 * URL-encoded with {@code +} for a space; they are decoded here ({@code %2B} is a plus).
 */
final class S3Events {
    /** The parsed event: its object records, or the {@code s3:TestEvent} S3 sends when a notification is set up. */
    record Parsed(List<ObjectRef> objects, boolean testEvent) {
    }

    static final class MalformedEventException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedEventException(String message) {
            super(message);
        }
    }

    private S3Events() {
    }

    static Parsed parse(String json) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new MalformedEventException("not JSON: " + e.getMessage());
        }
        if (!root.isJsonObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        JsonObject event = root.getAsJsonObject();
        if ("Notification".equals(string(event, "Type")) && event.has("Message")) {
            return parse(string(event, "Message")); // SNS envelope
        }
        if ("s3:TestEvent".equals(string(event, "Event"))) {
            return new Parsed(List.of(), true);
        }
        if (event.has("detail-type") && "aws.s3".equals(string(event, "source"))) {
            return eventBridge(event);
        }
        JsonElement records = event.get("Records");
        if (records == null || !records.isJsonArray()) {
            throw new MalformedEventException("no Records array: not an S3 event notification");
        }
        List<ObjectRef> objects = new ArrayList<>();
        for (JsonElement element : records.getAsJsonArray()) {
            objects.add(record(element));
        }
        return new Parsed(objects, false);
    }

    private static ObjectRef record(JsonElement element) {
        if (!element.isJsonObject()) {
            throw new MalformedEventException("a record is not a JSON object");
        }
        JsonObject record = element.getAsJsonObject();
        JsonObject s3 = object(record, "s3");
        JsonObject bucket = object(s3, "bucket");
        JsonObject object = object(s3, "object");
        String name = required(bucket, "name");
        String rawKey = required(object, "key");
        String key;
        try {
            key = URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("the key '" + rawKey + "' is not URL-encoded correctly");
        }
        return new ObjectRef(name, key, blankToNull(string(object, "versionId")), size(object),
                string(record, "eventName"), sequencer(object));
    }

    /** EventBridge: the key is not URL-encoded there. */
    private static Parsed eventBridge(JsonObject event) {
        JsonObject detail = object(event, "detail");
        JsonObject object = object(detail, "object");
        String type = string(event, "detail-type");
        return new Parsed(List.of(new ObjectRef(required(object(detail, "bucket"), "name"), required(object, "key"),
                blankToNull(string(object, "version-id")), size(object),
                "Object Created".equals(type) ? "ObjectCreated:EventBridge" : type, sequencer(object))), false);
    }

    /** The sequencer when it is a hexadecimal string; anything else orders nothing and counts as none. */
    private static String sequencer(JsonObject object) {
        String value = string(object, "sequencer");
        return Sequencers.isValid(value) ? value.strip() : null;
    }

    private static long size(JsonObject object) {
        JsonElement size = object.get("size");
        try {
            return size == null || size.isJsonNull() ? -1 : size.getAsLong();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static JsonObject object(JsonObject parent, String name) {
        JsonElement value = parent.get(name);
        if (value == null || !value.isJsonObject()) {
            throw new MalformedEventException("missing object '" + name + "'");
        }
        return value.getAsJsonObject();
    }

    private static String required(JsonObject parent, String name) {
        String value = string(parent, name);
        if (value == null || value.isEmpty()) {
            throw new MalformedEventException("missing '" + name + "'");
        }
        return value;
    }

    private static String string(JsonObject parent, String name) {
        JsonElement value = parent.get(name);
        return value == null || value.isJsonNull() || !value.isJsonPrimitive() ? null : value.getAsString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

}
