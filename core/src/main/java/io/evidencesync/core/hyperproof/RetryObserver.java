package io.evidencesync.core.hyperproof;

/** Told about every retry, for metrics. */
@FunctionalInterface
public interface RetryObserver {
    RetryObserver NONE = (call, cause, delayMillis) -> { };

    void retrying(String call, HyperproofException cause, long delayMillis);
}
