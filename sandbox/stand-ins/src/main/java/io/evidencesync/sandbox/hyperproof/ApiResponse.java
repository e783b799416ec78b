package io.evidencesync.sandbox.hyperproof;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * What the emulator answers to one request: status, headers, and a body either in memory or in a stored file.
 *
 * @param file when not null, the body is streamed from this file and {@code body} is ignored
 */
record ApiResponse(int status, String contentType, byte[] body, Path file, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";

    static ApiResponse json(int status, JsonElement body) {
        return json(status, body, Map.of());
    }

    static ApiResponse json(int status, JsonElement body, Map<String, String> headers) {
        return new ApiResponse(status, JSON, body.toString().getBytes(StandardCharsets.UTF_8), null, Map.copyOf(headers));
    }

    /** {@code {"statusCode": status, "message": message}}, the error shape of Hyperproof's API. */
    static ApiResponse error(int status, String message) {
        return error(status, message, Map.of());
    }

    static ApiResponse error(int status, String message, Map<String, String> headers) {
        JsonObject body = new JsonObject();
        body.addProperty("statusCode", status);
        body.addProperty("message", message);
        return json(status, body, headers);
    }

    static ApiResponse file(String contentType, Path file, Map<String, String> headers) {
        return new ApiResponse(200, contentType, new byte[0], file, Map.copyOf(headers));
    }
}
