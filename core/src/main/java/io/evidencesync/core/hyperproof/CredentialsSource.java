package io.evidencesync.core.hyperproof;

/** Supplies the client credentials, typically from a cache over a secret store. */
public interface CredentialsSource {
    ClientCredentials get();

    /** Called when Hyperproof rejected the credentials: the next {@link #get()} should fetch them afresh. */
    default void invalidate() {
    }
}
