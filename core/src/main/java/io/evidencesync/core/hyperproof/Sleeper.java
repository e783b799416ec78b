package io.evidencesync.core.hyperproof;

/** Waits between retries (tests substitute one that records instead of sleeping). */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = Thread::sleep;

    void sleep(long millis) throws InterruptedException;
}
