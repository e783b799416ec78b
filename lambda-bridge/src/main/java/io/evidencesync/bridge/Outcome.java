package io.evidencesync.bridge;

import java.util.List;

/**
 * What happened to one object; becomes its JSON log line.
 *
 * @param status     synced, duplicate, superseded, skipped or failed
 * @param ref        the object
 * @param controls   the target controls (identifier or UUID; "organization" for org-level proof)
 * @param proofIds   the proofs made or found
 * @param buildUrl   the run URL from the object's metadata, when read
 * @param reason     why it was skipped or failed, or null
 * @param retryable  for failures: true when a later attempt may succeed (throttling, outage, concurrent claim)
 * @param durationMs time spent
 * @param rewritten  an evidence key of which another synced version holds other bytes: evidence is written once
 *                   per run, so someone put the key again (the bridge still adds a new version as a proof version)
 */
record Outcome(Status status, ObjectRef ref, List<String> controls, List<String> proofIds, String buildUrl,
               String reason, boolean retryable, long durationMs, boolean rewritten) {
    enum Status {
        SYNCED, DUPLICATE, SUPERSEDED, SKIPPED, FAILED
    }

    Outcome {
        controls = controls == null ? List.of() : List.copyOf(controls);
        proofIds = proofIds == null ? List.of() : List.copyOf(proofIds);
    }

    Outcome(Status status, ObjectRef ref, List<String> controls, List<String> proofIds, String buildUrl, String reason,
            boolean retryable, long durationMs) {
        this(status, ref, controls, proofIds, buildUrl, reason, retryable, durationMs, false);
    }

    /** This outcome, marked rewritten, with {@code why} before its reason. */
    Outcome markedRewritten(String why) {
        return new Outcome(status, ref, controls, proofIds, buildUrl, reason == null ? why : why + "; " + reason,
                retryable, durationMs, true);
    }

    boolean failed() {
        return status == Status.FAILED;
    }
}
