package io.evidencesync.sandbox.hyperproof;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The emulated organization's seeded objects: API clients, users, controls, labels and tasks. */
final class OrgDirectory {
    private final Clock clock;
    private final Map<String, ApiClient> clients = new LinkedHashMap<>();
    private final Map<UUID, User> users = new LinkedHashMap<>();
    private final Map<UUID, Control> controls = new LinkedHashMap<>();
    private final Map<UUID, Label> labels = new LinkedHashMap<>();
    private final Map<UUID, Task> tasks = new LinkedHashMap<>();

    OrgDirectory(Clock clock) {
        this.clock = clock;
    }

    record User(UUID id, String email, String givenName, String surname) {
    }

    record Control(UUID id, String controlIdentifier, String name, String status, Instant createdOn) {
    }

    record Label(UUID id, String name, String status, Instant createdOn) {
    }

    record Task(UUID id, String title, Instant createdOn) {
    }

    synchronized UUID addClient(String clientId, String clientSecret, ApiClient.Kind kind, UUID principalId) {
        if (clients.containsKey(clientId)) {
            throw new IllegalArgumentException("client id " + clientId + " is already registered");
        }
        clients.put(clientId, new ApiClient(clientId, clientSecret, kind, principalId));
        return principalId;
    }

    synchronized Optional<ApiClient> client(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    synchronized UUID addUser(String email, String givenName, String surname) {
        Objects.requireNonNull(email, "email");
        UUID id = UUID.randomUUID();
        users.put(id, new User(id, email, givenName, surname));
        return id;
    }

    synchronized Optional<User> user(UUID id) {
        return Optional.ofNullable(users.get(id));
    }

    synchronized List<User> users() {
        return List.copyOf(users.values());
    }

    synchronized UUID addControl(String controlIdentifier, String name, String status) {
        Objects.requireNonNull(controlIdentifier, "controlIdentifier");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        if (controls.values().stream().anyMatch(c -> c.controlIdentifier().equals(controlIdentifier))) {
            throw new IllegalArgumentException("control identifier " + controlIdentifier + " is already used (it is unique)");
        }
        UUID id = UUID.randomUUID();
        controls.put(id, new Control(id, controlIdentifier, name, status, clock.instant()));
        return id;
    }

    synchronized Optional<Control> control(UUID id) {
        return Optional.ofNullable(controls.get(id));
    }

    synchronized List<Control> controls() {
        return List.copyOf(controls.values());
    }

    synchronized UUID addLabel(String name) {
        Objects.requireNonNull(name, "name");
        UUID id = UUID.randomUUID();
        labels.put(id, new Label(id, name, "active", clock.instant()));
        return id;
    }

    synchronized Optional<Label> label(UUID id) {
        return Optional.ofNullable(labels.get(id));
    }

    synchronized List<Label> labels() {
        return List.copyOf(labels.values());
    }

    synchronized UUID addTask(String title) {
        Objects.requireNonNull(title, "title");
        UUID id = UUID.randomUUID();
        tasks.put(id, new Task(id, title, clock.instant()));
        return id;
    }

    synchronized Optional<Task> task(UUID id) {
        return Optional.ofNullable(tasks.get(id));
    }

    /** Whether proof can be linked to this object. */
    synchronized boolean exists(ProofObjectType type, UUID id) {
        return switch (type) {
            case CONTROL -> controls.containsKey(id);
            case LABEL -> labels.containsKey(id);
            case TASK -> tasks.containsKey(id);
        };
    }
}
