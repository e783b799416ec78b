package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class JsonLogAndMetricsTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    private JsonObject line(int index) {
        return JsonParser.parseString(bytes.toString(StandardCharsets.UTF_8).split("\n")[index]).getAsJsonObject();
    }

    @Test
    void shouldWriteOneJsonLinePerObjectWithEveryField() {
        ObjectRef ref = new ObjectRef("bucket", "key with space.json", "v1", 10, "ObjectCreated:Put", null);
        new JsonLog(out, clock).object(new Outcome(Outcome.Status.FAILED, ref, List.of("CC-7.2"), List.of("p-1"),
                "https://ci/run/1", "Hyperproof answered 503", true, 42), "req-1");

        JsonObject line = line(0);
        assertThat(line.get("level").getAsString()).isEqualTo("ERROR");
        assertThat(line.get("outcome").getAsString()).isEqualTo("failed");
        assertThat(line.get("bucket").getAsString()).isEqualTo("bucket");
        assertThat(line.get("key").getAsString()).isEqualTo("key with space.json");
        assertThat(line.get("versionId").getAsString()).isEqualTo("v1");
        assertThat(line.get("controls").toString()).isEqualTo("[\"CC-7.2\"]");
        assertThat(line.get("proofIds").toString()).isEqualTo("[\"p-1\"]");
        assertThat(line.get("buildUrl").getAsString()).isEqualTo("https://ci/run/1");
        assertThat(line.get("durationMs").getAsLong()).isEqualTo(42);
        assertThat(line.get("requestId").getAsString()).isEqualTo("req-1");
        assertThat(line.get("retryable").getAsBoolean()).isTrue();
        assertThat(bytes.toString(StandardCharsets.UTF_8).split("\n")).hasSize(1);
    }

    @Test
    void shouldWriteEmbeddedMetricFormatAndResetTheCounts() {
        Metrics metrics = new Metrics(out, clock, "EvidenceSync");
        metrics.add(Metrics.Name.Synced);
        metrics.add(Metrics.Name.Synced);
        metrics.add(Metrics.Name.Retried);
        metrics.flush();
        metrics.flush();

        JsonObject first = line(0);
        JsonObject directive = first.getAsJsonObject("_aws").getAsJsonArray("CloudWatchMetrics").get(0).getAsJsonObject();
        assertThat(first.getAsJsonObject("_aws").get("Timestamp").getAsLong()).isEqualTo(clock.millis());
        assertThat(directive.get("Namespace").getAsString()).isEqualTo("EvidenceSync");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Service\"]]");
        assertThat(directive.get("Metrics").toString()).contains("{\"Name\":\"Synced\",\"Unit\":\"Count\"}",
                "\"Duplicate\"", "\"Failed\"", "\"Retried\"", "\"Skipped\"");
        assertThat(first.get("Service").getAsString()).isEqualTo("evidence-sync-bridge");
        assertThat(first.get("Synced").getAsLong()).isEqualTo(2);
        assertThat(first.get("Retried").getAsLong()).isEqualTo(1);
        assertThat(line(1).get("Synced").getAsLong()).isZero();
    }
}
