package io.evidencesync.core.hyperproof;

import java.util.Objects;

/**
 * A Hyperproof API client's id and secret. {@link #toString()} never shows the secret.
 */
public record ClientCredentials(String clientId, String clientSecret) {
    public ClientCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret=***]";
    }
}
