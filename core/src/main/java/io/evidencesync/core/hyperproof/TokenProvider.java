package io.evidencesync.core.hyperproof;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import com.google.gson.JsonObject;

/**
 * OAuth 2.0 client-credentials tokens for the Hyperproof API: requested form-encoded, cached until shortly before
 * {@code expires_in} runs out, dropped when the API answers 401. Thread-safe. Neither the secret nor the token ever
 * appears in a message or {@code toString()}, even when an error answer repeats the request.
 */
public final class TokenProvider {
    /** Hyperproof's SDK treats a token as expired 30 s early. */
    static final Duration EXPIRY_BUFFER = Duration.ofSeconds(30);
    /** When the response has no {@code expires_in}. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final HttpTransport http;
    private final URI tokenUrl;
    private final CredentialsSource credentials;
    private final Clock clock;
    private String token;
    private long refreshAtMillis;

    public TokenProvider(HttpTransport http, URI tokenUrl, CredentialsSource credentials, Clock clock) {
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A valid token, from the cache or freshly requested. */
    public synchronized String token(Duration timeout) {
        if (token != null && clock.millis() < refreshAtMillis) {
            return token;
        }
        token = null;
        ClientCredentials current = credentials.get();
        String form = "grant_type=client_credentials&client_id=" + Urls.query(current.clientId())
                + "&client_secret=" + Urls.query(current.clientSecret());
        // in memory, so a 400/401 answer keeps the body that says why
        HttpTransport.Request request = HttpTransport.Request.post(tokenUrl, timeout,
                        HttpTransport.Body.of(form.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        HttpTransport.Response response;
        try {
            response = http.send(request);
        } catch (IOException e) {
            throw new HyperproofException("cannot reach the Hyperproof token endpoint " + tokenUrl + ": "
                    + HyperproofClient.describe(e), 0, true, e);
        }
        int status = response.status();
        if (status / 100 != 2) {
            if (status == 400 || status == 401 || status == 403 && !HyperproofClient.isQuota(response.body())) {
                credentials.invalidate();
                // neither the client id nor the secret is named: both are kept as SecureString parameters
                throw new HyperproofException("the Hyperproof token endpoint " + tokenUrl + " rejected the client"
                        + " credentials (" + status + " " + HyperproofClient.errorMessage(response.body(),
                        current.clientId(), current.clientSecret())
                        + "); check the client id and secret in SSM and the API client in Hyperproof", status, false);
            }
            throw HyperproofClient.failure("request a Hyperproof token", response, clock, current.clientId(),
                    current.clientSecret());
        }
        JsonObject body = Json.object(response.body(), "the token response");
        String accessToken = Json.string(body, "access_token");
        if (accessToken == null || accessToken.isBlank()) {
            throw new HyperproofException("the Hyperproof token response has no access_token", status, true);
        }
        long expiresIn = body.has("expires_in") ? body.get("expires_in").getAsLong() : DEFAULT_LIFETIME.toSeconds();
        long buffer = Math.min(EXPIRY_BUFFER.toMillis(), expiresIn * 1000 / 2);
        token = accessToken;
        refreshAtMillis = clock.millis() + expiresIn * 1000 - buffer;
        return token;
    }

    /** Drops the cached token when it is the one the API just refused. */
    public synchronized void invalidate(String refused) {
        if (refused != null && refused.equals(token)) {
            token = null;
        }
    }

    @Override
    public String toString() {
        return "TokenProvider[" + tokenUrl + "]";
    }
}
