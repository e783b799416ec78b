package io.evidencesync.sandbox.hyperproof;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import io.evidencesync.sandbox.http.HeaderValue;
import io.evidencesync.sandbox.http.HttpExchanges;

/**
 * {@code POST /oauth/token}: the OAuth 2.0 client-credentials grant (RFC 6749 section 4.4), form-encoded only,
 * client authenticated by {@code client_id} and {@code client_secret} in the body. Errors use RFC 6749 section 5.2
 * ({@code {"error": ..., "error_description": ...}}).
 */
final class TokenEndpoint implements Router.Endpoint {
    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final String FORM = "application/x-www-form-urlencoded";

    private final OrgDirectory directory;
    private final TokenStore tokens;

    TokenEndpoint(OrgDirectory directory, TokenStore tokens) {
        this.directory = directory;
        this.tokens = tokens;
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException, IOException {
        if (!FORM.equals(HeaderValue.mediaTypeOf(request.header("Content-Type").orElse(null)))) {
            throw oauthError(400, "invalid_request", "Content-Type must be " + FORM + ".");
        }
        Map<String, String> form = readForm(request);
        request.recordBody(redacted(form), List.of());
        String grantType = form.get("grant_type");
        if (grantType == null) {
            throw oauthError(400, "invalid_request", "grant_type is missing.");
        }
        if (!"client_credentials".equals(grantType)) {
            throw oauthError(400, "unsupported_grant_type", "Only client_credentials is supported.");
        }
        String clientId = form.get("client_id");
        String clientSecret = form.get("client_secret");
        if (clientId == null || clientSecret == null) {
            throw oauthError(401, "invalid_client", "client_id and client_secret are required in the body.");
        }
        ApiClient client = directory.client(clientId)
                .filter(candidate -> candidate.secretMatches(clientSecret))
                .orElseThrow(() -> oauthError(401, "invalid_client", "Client authentication failed."));
        JsonObject body = new JsonObject();
        body.addProperty("access_token", tokens.issue(client));
        body.addProperty("token_type", "Bearer");
        body.addProperty("expires_in", tokens.lifetimeSeconds());
        return ApiResponse.json(200, body, Map.of("Cache-Control", "no-store", "Pragma", "no-cache"));
    }

    private static Map<String, String> readForm(ApiRequest request) throws IOException, ApiException {
        // not closed here: the handler drains whatever is left before answering
        byte[] raw = request.body().readNBytes(MAX_BODY_BYTES + 1);
        if (raw.length > MAX_BODY_BYTES) {
            throw oauthError(400, "invalid_request", "Request body is too large.");
        }
        try {
            return HttpExchanges.decodeForm(new String(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw oauthError(400, "invalid_request", "Malformed form body: " + e.getMessage());
        }
    }

    private static Map<String, String> redacted(Map<String, String> form) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        copy.computeIfPresent("client_secret", (name, value) -> RecordedRequest.REDACTED);
        return copy;
    }

    private static ApiException oauthError(int status, String error, String description) {
        JsonObject body = new JsonObject();
        body.addProperty("error", error);
        body.addProperty("error_description", description);
        return new ApiException(ApiResponse.json(status, body, Map.of("Cache-Control", "no-store")), error + ": " + description);
    }
}
