package io.evidencesync.bridge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the target controls of an object, in this order: the control override in the object's metadata
 * ({@code hyperproof-control}); the controls named in the evidence, mapped through {@code CONTROL_MAP}; the default
 * {@code CONTROL_ID}; otherwise organization-level proof.
 */
final class ProofRouter {
    private final Map<String, String> controlMap;
    private final String defaultControl;

    ProofRouter(Map<String, String> controlMap, String defaultControl) {
        this.controlMap = Map.copyOf(controlMap);
        this.defaultControl = defaultControl;
    }

    Route route(String metadataOverride, Collection<String> evidenceControls) {
        if (metadataOverride != null && !metadataOverride.isBlank()) {
            List<Route.Reference> references = Arrays.stream(metadataOverride.split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).distinct()
                    .map(control -> new Route.Reference(control, "object metadata hyperproof-control")).toList();
            return new Route(references, "object metadata");
        }
        Map<String, Route.Reference> mapped = new LinkedHashMap<>();
        for (String evidenceControl : evidenceControls) {
            String target = controlMap.get(evidenceControl);
            if (target != null) {
                mapped.putIfAbsent(target, new Route.Reference(target, "CONTROL_MAP[" + evidenceControl + "]"));
            }
        }
        if (!mapped.isEmpty()) {
            return new Route(new ArrayList<>(mapped.values()), "CONTROL_MAP");
        }
        if (defaultControl != null) {
            return new Route(List.of(new Route.Reference(defaultControl, BridgeConfig.CONTROL_ID)), "CONTROL_ID");
        }
        return new Route(List.of(), "organization");
    }
}
