package io.evidencesync.sandbox.hyperproof;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Proof read endpoints: {@code GET /v1/proof/{id}}, {@code GET /v1/proof/{id}/contents[?version=n]} and
 * {@code GET /v1/proof?limit=&nextToken=&sortBy=&sortDirection=&objectType=&objectId=} ({@code {"data": [...],
 * "nextToken": ...}}, the token only while more pages follow).
 */
final class ProofQueryEndpoints {
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 500;
    private static final String TOKEN_PREFIX = "offset:";

    private final ProofStore store;
    private final HyperproofJson json;

    ProofQueryEndpoints(ProofStore store, HyperproofJson json) {
        this.store = store;
        this.json = json;
    }

    ApiResponse get(ApiRequest request) throws ApiException {
        return ApiResponse.json(200, json.proof(find(request.pathId(0, "Proof"))));
    }

    ApiResponse contents(ApiRequest request) throws ApiException {
        Proof proof = find(request.pathId(0, "Proof"));
        String requested = request.query().get("version");
        int version = requested == null ? proof.latest().version() : parseInt(requested, "version", 0, Integer.MAX_VALUE);
        Path content = store.content(proof.id(), version)
                .orElseThrow(() -> ApiException.notFound("Proof " + proof.id() + " has no version " + version + "."));
        ProofVersion chosen = proof.versions().get(version);
        String encodedName = URLEncoder.encode(chosen.filename(), StandardCharsets.UTF_8).replace("+", "%20");
        return ApiResponse.file(chosen.contentType(), content,
                Map.of("Content-Disposition", "attachment; filename*=UTF-8''" + encodedName));
    }

    ApiResponse list(ApiRequest request) throws ApiException {
        Map<String, String> query = request.query();
        int limit = query.containsKey("limit") ? parseInt(query.get("limit"), "limit", 1, MAX_LIMIT) : DEFAULT_LIMIT;
        int offset = query.containsKey("nextToken") ? decodeToken(query.get("nextToken")) : 0;
        List<Proof> matching = new ArrayList<>(store.all().stream().filter(linkFilter(query)).toList());
        matching.sort(ascendingOrder(query));
        if (descending(query)) {
            Collections.reverse(matching);
        }
        JsonArray data = new JsonArray();
        matching.stream().skip(offset).limit(limit).forEach(proof -> data.add(json.proof(proof)));
        JsonObject body = new JsonObject();
        body.add("data", data);
        if (offset + limit < matching.size()) {
            body.addProperty("nextToken", encodeToken(offset + limit));
        }
        return ApiResponse.json(200, body);
    }

    private Proof find(UUID proofId) throws ApiException {
        return store.find(proofId).orElseThrow(() -> ApiException.notFound("Proof " + proofId + " not found."));
    }

    private static Predicate<Proof> linkFilter(Map<String, String> query) throws ApiException {
        String objectType = query.get("objectType");
        String objectId = query.get("objectId");
        if (objectType == null && objectId == null) {
            return proof -> true;
        }
        if (objectType == null || objectId == null) {
            throw ApiException.badRequest("objectType and objectId must be given together.");
        }
        ProofObjectType type = switch (objectType) {
            case "control" -> ProofObjectType.CONTROL;
            case "label" -> ProofObjectType.LABEL;
            default -> throw ApiException.badRequest("objectType must be control or label, was '" + objectType + "'.");
        };
        UUID id;
        try {
            id = UUID.fromString(objectId);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("objectId must be a UUID, was '" + objectId + "'.");
        }
        return proof -> proof.isLinkedTo(type, id);
    }

    /** Ascending by {@code sortBy} (default {@code uploadedOn}); the sort is stable, so ties keep upload order. */
    private static Comparator<Proof> ascendingOrder(Map<String, String> query) throws ApiException {
        String sortBy = query.getOrDefault("sortBy", "uploadedOn");
        return switch (sortBy) {
            case "uploadedOn" -> Comparator.comparing(proof -> proof.latest().uploadedOn());
            case "createdBy" -> Comparator.comparing(proof -> proof.first().createdBy().toString());
            default -> throw ApiException.badRequest("sortBy must be uploadedOn or createdBy, was '" + sortBy + "'.");
        };
    }

    /** Default descending, which also puts the newest of equal timestamps first. */
    private static boolean descending(Map<String, String> query) throws ApiException {
        String direction = query.getOrDefault("sortDirection", "desc");
        return switch (direction) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw ApiException.badRequest("sortDirection must be asc or desc, was '" + direction + "'.");
        };
    }

    private static int parseInt(String value, String name, int min, int max) throws ApiException {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(name + " must be an integer from " + min + " to " + max + ", was '" + value + "'.");
    }

    private static String encodeToken(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeToken(String token) throws ApiException {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(TOKEN_PREFIX)) {
                int offset = Integer.parseInt(decoded.substring(TOKEN_PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.badRequest("nextToken is invalid.");
    }
}
