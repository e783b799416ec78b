package io.evidencesync.bridge;

/** A Hyperproof control: its UUID and, when known, its controlIdentifier. */
record ResolvedControl(String id, String identifier) {
}
