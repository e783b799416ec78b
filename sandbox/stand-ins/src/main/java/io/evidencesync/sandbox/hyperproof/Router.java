package io.evidencesync.sandbox.hyperproof;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Maps method and path to an endpoint, answers 404/405 for the rest, and checks the bearer token on protected
 * routes (401 with {@code WWW-Authenticate: Bearer} when it is missing, unknown, revoked or expired).
 */
final class Router {
    /** Handles one routed request. */
    interface Endpoint {
        ApiResponse handle(ApiRequest request) throws ApiException, IOException;
    }

    private record Route(String method, Pattern path, boolean bearer, Endpoint endpoint) {
    }

    private static final Pattern BEARER = Pattern.compile("(?i)bearer +(\\S+)\\s*");

    private final TokenStore tokens;
    private final List<Route> routes = new ArrayList<>();

    Router(TokenStore tokens) {
        this.tokens = tokens;
    }

    /** A route anyone may call; path groups become path parameters. */
    Router open(String method, String pathRegex, Endpoint endpoint) {
        routes.add(new Route(method, Pattern.compile(pathRegex), false, endpoint));
        return this;
    }

    /** A route that needs {@code Authorization: Bearer <valid token>}. */
    Router bearer(String method, String pathRegex, Endpoint endpoint) {
        routes.add(new Route(method, Pattern.compile(pathRegex), true, endpoint));
        return this;
    }

    ApiResponse dispatch(ApiRequest request) throws IOException {
        List<Route> forPath = routes.stream().filter(route -> route.path.matcher(request.path()).matches()).toList();
        if (forPath.isEmpty()) {
            return ApiResponse.error(404, "Not Found: " + request.path());
        }
        Optional<Route> route = forPath.stream().filter(r -> r.method.equalsIgnoreCase(request.method())).findFirst();
        if (route.isEmpty()) {
            String allowed = forPath.stream().map(Route::method).distinct().collect(Collectors.joining(", "));
            return ApiResponse.error(405, "Method " + request.method() + " not allowed.", Map.of("Allow", allowed));
        }
        try {
            if (route.get().bearer) {
                request.authenticated(authenticate(request));
            }
            Matcher matcher = route.get().path.matcher(request.path());
            matcher.matches();
            List<String> parameters = new ArrayList<>();
            for (int group = 1; group <= matcher.groupCount(); group++) {
                parameters.add(matcher.group(group));
            }
            request.pathParameters(parameters);
            return route.get().endpoint.handle(request);
        } catch (ApiException e) {
            return e.response();
        }
    }

    private ApiClient authenticate(ApiRequest request) throws ApiException {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty()) {
            throw unauthorized("Bearer", "Authorization header is missing.");
        }
        Matcher bearer = BEARER.matcher(header.get());
        if (!bearer.matches()) {
            throw unauthorized("Bearer", "Authorization header is not a Bearer token.");
        }
        return tokens.authenticate(bearer.group(1)).orElseThrow(() -> unauthorized(
                "Bearer error=\"invalid_token\"", "Access token is invalid or expired."));
    }

    private static ApiException unauthorized(String challenge, String message) {
        return new ApiException(ApiResponse.error(401, message, Map.of("WWW-Authenticate", challenge)),
                message.toLowerCase(Locale.ROOT));
    }
}
