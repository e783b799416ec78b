package io.evidencesync.sandbox.hyperproof;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Faults waiting for requests, either for any request or for requests whose method and path match. Each request
 * takes at most one fault: the oldest one queued for a matching path, else the oldest global one.
 */
public final class FaultQueue {
    private final List<Entry> entries = new ArrayList<>();

    /** Queues faults for the next requests to any path, in order. */
    public synchronized void enqueue(Fault... faults) {
        add(null, null, faults);
    }

    /**
     * Queues faults for the next requests whose path (without query) fully matches {@code pathRegex}.
     *
     * @param pathRegex e.g. {@code "/oauth/token"} or {@code "/v1/controls/.+/proof"}
     */
    public synchronized void enqueue(String pathRegex, Fault... faults) {
        add(null, Pattern.compile(pathRegex), faults);
    }

    /** Like {@link #enqueue(String, Fault...)}, for one HTTP method only. */
    public synchronized void enqueue(String method, String pathRegex, Fault... faults) {
        add(Objects.requireNonNull(method, "method"), Pattern.compile(pathRegex), faults);
    }

    /** How many faults have not been consumed yet. */
    public synchronized int pending() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
    }

    /** Removes and returns the fault for this request, path-specific ones first. */
    synchronized Optional<Fault> next(String method, String path) {
        Optional<Fault> specific = take(entry -> entry.path != null && entry.matches(method, path));
        return specific.isPresent() ? specific : take(entry -> entry.path == null);
    }

    private Optional<Fault> take(Predicate<Entry> wanted) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext();) {
            Entry entry = it.next();
            if (wanted.test(entry)) {
                it.remove();
                return Optional.of(entry.fault);
            }
        }
        return Optional.empty();
    }

    private void add(String method, Pattern path, Fault... faults) {
        for (Fault fault : faults) {
            entries.add(new Entry(method, path, Objects.requireNonNull(fault, "fault")));
        }
    }

    private record Entry(String method, Pattern path, Fault fault) {
        boolean matches(String requestMethod, String requestPath) {
            return (method == null || method.equalsIgnoreCase(requestMethod)) && path.matcher(requestPath).matches();
        }
    }
}
