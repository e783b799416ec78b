package io.evidencesync.bridge;

import io.evidencesync.core.hyperproof.Deadline;

/** What the handlers pass on from the Lambda context: the request id and the time left. */
record Invocation(String requestId, Deadline deadline) {
}
