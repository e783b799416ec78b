package io.evidencesync.core.hyperproof;

/**
 * A control: its UUID (what upload paths take) and its human {@code controlIdentifier}.
 */
public record HyperproofControl(String id, String controlIdentifier, String name, String status) {
}
