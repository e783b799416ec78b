package io.evidencesync.sandbox.hyperproof;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.google.gson.JsonArray;

/** Read endpoints for seeded objects: {@code GET /v1/controls[/{id}]}, {@code /v1/labels[/{id}]}, {@code /v1/users}. */
final class DirectoryEndpoints {
    private final OrgDirectory directory;
    private final HyperproofJson json;

    DirectoryEndpoints(OrgDirectory directory, HyperproofJson json) {
        this.directory = directory;
        this.json = json;
    }

    /** {@code GET /v1/controls?canLink=&expandScopes=&expandTeams=&status=}: a JSON array, filtered by status. */
    ApiResponse listControls(ApiRequest request) throws ApiException {
        Map<String, String> query = request.query();
        requireBoolean(query, "canLink");
        requireBoolean(query, "expandScopes");
        requireBoolean(query, "expandTeams");
        Optional<String> status = Optional.ofNullable(query.get("status"));
        JsonArray controls = new JsonArray();
        directory.controls().stream()
                .filter(control -> status.isEmpty() || status.get().equals(control.status()))
                .forEach(control -> controls.add(json.control(control)));
        return ApiResponse.json(200, controls);
    }

    ApiResponse getControl(ApiRequest request) throws ApiException {
        UUID id = request.pathId(0, "Control");
        return ApiResponse.json(200, json.control(directory.control(id)
                .orElseThrow(() -> ApiException.notFound("Control " + id + " not found."))));
    }

    /** {@code GET /v1/labels?canLink=&status=}. */
    ApiResponse listLabels(ApiRequest request) throws ApiException {
        Map<String, String> query = request.query();
        requireBoolean(query, "canLink");
        Optional<String> status = Optional.ofNullable(query.get("status"));
        JsonArray labels = new JsonArray();
        directory.labels().stream()
                .filter(label -> status.isEmpty() || status.get().equals(label.status()))
                .forEach(label -> labels.add(json.label(label)));
        return ApiResponse.json(200, labels);
    }

    ApiResponse getLabel(ApiRequest request) throws ApiException {
        UUID id = request.pathId(0, "Label");
        return ApiResponse.json(200, json.label(directory.label(id)
                .orElseThrow(() -> ApiException.notFound("Label " + id + " not found."))));
    }

    ApiResponse listUsers(ApiRequest request) throws ApiException {
        requireBoolean(request.query(), "includeDeactivated");
        JsonArray users = new JsonArray();
        directory.users().forEach(user -> users.add(json.user(user)));
        return ApiResponse.json(200, users);
    }

    private static void requireBoolean(Map<String, String> query, String name) throws ApiException {
        String value = query.get(name);
        if (value != null && !"true".equals(value) && !"false".equals(value)) {
            throw ApiException.badRequest(name + " must be true or false.");
        }
    }
}
