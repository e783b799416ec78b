package io.evidencesync.bridge;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.evidencesync.core.hyperproof.ClientCredentials;
import io.evidencesync.core.hyperproof.CredentialsSource;

/**
 * The Hyperproof client id and secret from SSM (one {@code GetParameters} call with decryption), cached across
 * warm invocations for a few minutes, dropped early when Hyperproof rejects them (rotation).
 */
final class SecretsCache implements CredentialsSource {
    private final ParameterStore store;
    private final String clientIdPath;
    private final String secretPath;
    private final Duration ttl;
    private final Clock clock;
    private ClientCredentials cached;
    private long expiresAtMillis;

    SecretsCache(ParameterStore store, String clientIdPath, String secretPath, Duration ttl, Clock clock) {
        this.store = store;
        this.clientIdPath = clientIdPath;
        this.secretPath = secretPath;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public synchronized ClientCredentials get() {
        if (cached == null || clock.millis() >= expiresAtMillis) {
            Map<String, String> values = store.getDecrypted(List.of(clientIdPath, secretPath));
            cached = new ClientCredentials(values.get(clientIdPath).strip(), values.get(secretPath).strip());
            expiresAtMillis = clock.millis() + ttl.toMillis();
        }
        return cached;
    }

    @Override
    public synchronized void invalidate() {
        cached = null;
    }
}
