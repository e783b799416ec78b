package io.evidencesync.sandbox.hyperproof;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;

import io.evidencesync.sandbox.http.HttpExchanges;

/**
 * One request on its way through the emulator: the exchange, the path parameters the router found, the
 * authenticated client, and what the endpoint wants recorded about the body.
 */
final class ApiRequest {
    private final HttpExchange exchange;
    private final Map<String, List<String>> headers;
    private List<String> pathParameters = List.of();
    private ApiClient client;
    private Map<String, String> recordedFields = Map.of();
    private List<RecordedFile> recordedFiles = List.of();

    ApiRequest(HttpExchange exchange) {
        this.exchange = exchange;
        this.headers = HttpExchanges.requestHeaders(exchange);
    }

    String method() {
        return exchange.getRequestMethod();
    }

    /** The raw path, without the query. */
    String path() {
        return exchange.getRequestURI().getRawPath();
    }

    Optional<String> header(String name) {
        return HttpExchanges.firstValue(headers, name);
    }

    InputStream body() {
        return exchange.getRequestBody();
    }

    /** The decoded query parameters; a malformed or repeated parameter is a 400. */
    Map<String, String> query() throws ApiException {
        try {
            return HttpExchanges.decodeForm(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid query string: " + e.getMessage());
        }
    }

    void pathParameters(List<String> values) {
        this.pathParameters = List.copyOf(values);
    }

    /**
     * The path parameter at {@code index} as a UUID; anything else cannot name an object, so it is a 404.
     *
     * @param what the object kind for the message, e.g. {@code "Control"}
     */
    UUID pathId(int index, String what) throws ApiException {
        String raw = pathParameters.get(index);
        try {
            UUID id = UUID.fromString(raw);
            if (id.toString().equalsIgnoreCase(raw)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // falls through to 404: a non-UUID id cannot exist
        }
        throw ApiException.notFound(what + " " + raw + " not found.");
    }

    void authenticated(ApiClient authenticatedClient) {
        this.client = authenticatedClient;
    }

    /** The client whose bearer token authorized this request. */
    ApiClient client() {
        if (client == null) {
            throw new IllegalStateException("route is not authenticated");
        }
        return client;
    }

    void recordBody(Map<String, String> fields, List<RecordedFile> files) {
        this.recordedFields = fields;
        this.recordedFiles = files;
    }

    RecordedRequest toRecord(Instant receivedAt, int status) {
        return new RecordedRequest(receivedAt, method(), path(), exchange.getRequestURI().getRawQuery(), headers,
                recordedFields, recordedFiles, status);
    }
}
