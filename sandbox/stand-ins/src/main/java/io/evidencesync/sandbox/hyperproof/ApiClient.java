package io.evidencesync.sandbox.hyperproof;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * An API client registered in the emulated organization: its OAuth credentials, its kind, and the principal that
 * its uploads are attributed to ({@code createdBy}).
 *
 * @param principalId the service account's own id, or the user a personal client acts for
 */
record ApiClient(String clientId, String clientSecret, Kind kind, UUID principalId) {

    /** Service accounts can never own proof; personal clients act as their user. */
    enum Kind {
        SERVICE_ACCOUNT, PERSONAL
    }

    ApiClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(principalId, "principalId");
    }

    /** Compares in constant time, so response timing does not leak how much of a guessed secret was right. */
    boolean secretMatches(String candidate) {
        return MessageDigest.isEqual(clientSecret.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ApiClient[clientId=" + clientId + ", kind=" + kind + ", principalId=" + principalId + ", clientSecret=<redacted>]";
    }
}
