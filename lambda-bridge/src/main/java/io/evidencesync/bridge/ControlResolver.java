package io.evidencesync.bridge;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.hyperproof.Deadline;
import io.evidencesync.core.hyperproof.HyperproofClient;
import io.evidencesync.core.hyperproof.HyperproofControl;

/**
 * Turns a control reference (a Hyperproof UUID or a human {@code controlIdentifier}) into the UUID the upload path
 * needs, through {@code GET /v1/controls}, cached for minutes and refreshed once when an identifier is not found.
 */
final class ControlResolver {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final HyperproofClient client;
    private final Duration ttl;
    private final Clock clock;
    private Map<String, HyperproofControl> byIdentifier;
    private Map<String, HyperproofControl> byId;
    private long loadedAtMillis;

    ControlResolver(HyperproofClient client, Duration ttl, Clock clock) {
        this.client = client;
        this.ttl = ttl;
        this.clock = clock;
    }

    static boolean isUuid(String reference) {
        return UUID.matcher(reference).matches();
    }

    /**
     * @param origin where the reference came from (for the message), e.g. "CONTROL_MAP"
     * @throws UnknownControlException when no control has that identifier
     * @throws EvidenceException        when the controls cannot be listed (SSM or Hyperproof unavailable)
     */
    synchronized ResolvedControl resolve(String reference, String origin, Deadline deadline) {
        if (isUuid(reference)) {
            String id = reference.toLowerCase(Locale.ROOT);
            HyperproofControl known;
            try {
                known = lookup(deadline, false).byIdOrNull(id);
            } catch (EvidenceException e) {
                known = null; // the identifier is only for receipts and logs; the upload needs just the UUID
            }
            return new ResolvedControl(id, known == null ? null : known.controlIdentifier());
        }
        HyperproofControl control = lookup(deadline, false).byIdentifierOrNull(reference);
        if (control == null && clock.millis() - loadedAtMillis > 5_000) {
            control = lookup(deadline, true).byIdentifierOrNull(reference);
        }
        if (control == null) {
            throw new UnknownControlException("Hyperproof has no control with controlIdentifier '" + reference + "' (from "
                    + origin + "); use the control's UUID or its exact identifier");
        }
        return new ResolvedControl(control.id().toLowerCase(Locale.ROOT), control.controlIdentifier());
    }

    private ControlResolver lookup(Deadline deadline, boolean force) {
        if (force || byIdentifier == null || clock.millis() - loadedAtMillis >= ttl.toMillis()) {
            List<HyperproofControl> controls = client.listControls(deadline);
            Map<String, HyperproofControl> identifiers = new HashMap<>();
            Map<String, HyperproofControl> ids = new HashMap<>();
            for (HyperproofControl control : controls) {
                if (control.id() == null) {
                    continue;
                }
                ids.put(control.id().toLowerCase(Locale.ROOT), control);
                if (control.controlIdentifier() != null) {
                    identifiers.merge(control.controlIdentifier(), control,
                            (a, b) -> "active".equalsIgnoreCase(a.status()) ? a : b);
                }
            }
            byIdentifier = identifiers;
            byId = ids;
            loadedAtMillis = clock.millis();
        }
        return this;
    }

    private HyperproofControl byIdOrNull(String id) {
        return byId.get(id);
    }

    private HyperproofControl byIdentifierOrNull(String identifier) {
        return byIdentifier.get(identifier);
    }
}
