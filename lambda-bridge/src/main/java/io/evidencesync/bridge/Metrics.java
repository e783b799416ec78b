package io.evidencesync.bridge;

import java.io.PrintStream;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Counts per invocation, flushed as one CloudWatch Embedded Metric Format document on stdout: Synced, Duplicate,
 * Superseded, Skipped, Failed (objects) and Retried (Hyperproof calls retried).
 */
final class Metrics {
    enum Name {
        Synced, Duplicate, Superseded, Skipped, Failed, Retried, Rewritten
    }

    private final PrintStream out;
    private final Clock clock;
    private final String namespace;
    private final Map<Name, AtomicLong> counts = new EnumMap<>(Name.class);

    Metrics(PrintStream out, Clock clock, String namespace) {
        this.out = out;
        this.clock = clock;
        this.namespace = namespace;
        for (Name name : Name.values()) {
            counts.put(name, new AtomicLong());
        }
    }

    void add(Name name) {
        counts.get(name).incrementAndGet();
    }

    void count(Outcome outcome) {
        add(switch (outcome.status()) {
            case SYNCED -> Name.Synced;
            case DUPLICATE -> Name.Duplicate;
            case SUPERSEDED -> Name.Superseded;
            case SKIPPED -> Name.Skipped;
            case FAILED -> Name.Failed;
        });
        if (outcome.rewritten()) {
            add(Name.Rewritten);
        }
    }

    /** Writes the counts since the last flush (as one EMF line) and resets them. */
    void flush() {
        JsonObject document = new JsonObject();
        JsonObject aws = new JsonObject();
        aws.addProperty("Timestamp", clock.millis());
        JsonObject directive = new JsonObject();
        directive.addProperty("Namespace", namespace);
        JsonArray dimensionSets = new JsonArray();
        JsonArray dimensions = new JsonArray();
        dimensions.add("Service");
        dimensionSets.add(dimensions);
        directive.add("Dimensions", dimensionSets);
        JsonArray metrics = new JsonArray();
        for (Name name : Name.values()) {
            JsonObject metric = new JsonObject();
            metric.addProperty("Name", name.name());
            metric.addProperty("Unit", "Count");
            metrics.add(metric);
        }
        directive.add("Metrics", metrics);
        JsonArray directives = new JsonArray();
        directives.add(directive);
        aws.add("CloudWatchMetrics", directives);
        document.add("_aws", aws);
        document.addProperty("Service", "evidence-sync-bridge");
        for (Name name : Name.values()) {
            document.addProperty(name.name(), counts.get(name).getAndSet(0));
        }
        synchronized (out) {
            out.println(document);
            out.flush();
        }
    }
}
