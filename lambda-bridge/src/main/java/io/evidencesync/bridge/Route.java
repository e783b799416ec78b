package io.evidencesync.bridge;

import java.util.List;

/**
 * Where an object's proof goes before resolution: control references (UUIDs or identifiers) each with the setting
 * it came from, or none for organization-level proof.
 */
record Route(List<Reference> controls, String reason) {
    record Reference(String control, String origin) {
    }

    Route {
        controls = List.copyOf(controls);
    }

    boolean organizationLevel() {
        return controls.isEmpty();
    }
}
