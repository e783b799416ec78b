package io.evidencesync.sandbox.hyperproof;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Issues opaque bearer tokens for API clients and checks them against the clock until they expire or are revoked. */
final class TokenStore {
    private static final int TOKEN_BYTES = 32;

    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    TokenStore(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A fresh token for the client, valid for the configured lifetime from now. */
    String issue(ApiClient client) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(client, clock.instant().plus(lifetime)));
        return token;
    }

    long lifetimeSeconds() {
        return lifetime.toSeconds();
    }

    /** The client the token was issued to, if the token is known, not revoked and not yet expired. */
    Optional<ApiClient> authenticate(String token) {
        Grant grant = grants.get(token);
        if (grant == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(grant.expiresAt)) {
            grants.remove(token);
            return Optional.empty();
        }
        return Optional.of(grant.client);
    }

    /** Invalidates every token issued so far. */
    void revokeAll() {
        grants.clear();
    }

    private record Grant(ApiClient client, Instant expiresAt) {
    }
}
