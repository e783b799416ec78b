package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.sandbox.notify.S3EventJson;
import io.evidencesync.sandbox.notify.S3NotificationSettings;
import io.evidencesync.sandbox.notify.SqsEventJson;

class SqsEventHandlerTest extends BridgeSandboxTest {

    /** The SQS event as Lambda's runtime would deserialize it from SqsEventJson's JSON. */
    static SQSEvent sqsEvent(String json) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (JsonElement element : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("Records")) {
            JsonObject record = element.getAsJsonObject();
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(record.get("messageId").getAsString());
            message.setBody(record.get("body").getAsString());
            message.setEventSource(record.get("eventSource").getAsString());
            messages.add(message);
        }
        event.setRecords(messages);
        return event;
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void shouldFailOnlyTheMessagesWhoseObjectsCannotBeSynced() {
        String good = BridgeSandbox.evidenceKey("reports/good scan+1.json");
        sandbox.putEvidence(good, BridgeSandbox.resource("otlp-logs-with-control.json"), null);
        String tampered = BridgeSandbox.evidenceKey("reports/tampered.json");
        sandbox.putEvidence(tampered, BridgeSandbox.resource("otlp-logs.json"), null, "00".repeat(32), EvidenceFormat.OTLP_JSON);
        String testEvent = new S3EventJson(S3NotificationSettings.defaults(), new SplittableRandom(1))
                .testEvent(BridgeSandbox.BUCKET, java.time.Instant.now());
        String json = new SqsEventJson("arn:aws:sqs:us-east-1:000000000000:evidence-events", Clock.systemUTC(),
                new SplittableRandom(3)).wrap(List.of(sandbox.eventFor(good), "{not json", sandbox.eventFor(tampered), testEvent));
        SQSEvent event = sqsEvent(json);
        SqsEventHandler handler = new SqsEventHandler(sandbox.bridge());

        SQSBatchResponse first = handler.handleRequest(event, new TestContext());
        SQSBatchResponse redelivered = handler.handleRequest(event, new TestContext());

        List<String> ids = event.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList();
        assertThat(failedIds(first)).containsExactly(ids.get(1), ids.get(2));
        assertThat(failedIds(redelivered)).containsExactly(ids.get(1), ids.get(2));
        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.control)).singleElement()
                .satisfies(p -> assertThat(p.latest().filename()).endsWith("__reports good scan+1.json"));
        assertThat(sandbox.metric("Synced")).isEqualTo(1);
        assertThat(sandbox.metric("Duplicate")).isEqualTo(1);
        assertThat(sandbox.metric("Failed")).isEqualTo(4);
        assertThat(sandbox.log()).contains("s3:TestEvent ignored", "event rejected");
    }

    @Test
    void shouldUploadASupersededVersionSentToTheQueueWithoutItsSequencer() {
        // operations.md "Replay a superseded version", Delivery=sqs: the event, sequencer removed, as a message body
        String key = BridgeSandbox.evidenceKey("reports/rewritten.json");
        String json = new String(BridgeSandbox.resource("otlp-logs-with-control.json"), java.nio.charset.StandardCharsets.UTF_8);
        sandbox.putEvidence(key, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        String firstEvent = sandbox.eventFor(key);
        sandbox.putEvidence(key, (json + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        String secondEvent = sandbox.eventFor(key);
        SqsEventJson queue = new SqsEventJson("arn:aws:sqs:us-east-1:000000000000:evidence-events", Clock.systemUTC(),
                new SplittableRandom(5));
        SqsEventHandler handler = new SqsEventHandler(sandbox.bridge());
        handler.handleRequest(sqsEvent(queue.wrap(List.of(secondEvent))), new TestContext());
        handler.handleRequest(sqsEvent(queue.wrap(List.of(firstEvent))), new TestContext());
        assertThat(sandbox.metric("Superseded")).isEqualTo(1);

        JsonObject replay = JsonParser.parseString(firstEvent).getAsJsonObject();
        replay.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("s3").getAsJsonObject("object")
                .remove("sequencer");
        SQSBatchResponse replayed = handler.handleRequest(sqsEvent(queue.wrap(List.of(replay.toString()))), new TestContext());

        assertThat(replayed.getBatchItemFailures()).isEmpty();
        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.control)).singleElement()
                .satisfies(p -> assertThat(p.versions()).hasSize(2));
        assertThat(sandbox.metric("Synced")).isEqualTo(2);
    }

    @Test
    void shouldSucceedForAnEmptyBatch() {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of());

        assertThat(new SqsEventHandler(sandbox.bridge()).handleRequest(event, new TestContext()).getBatchItemFailures()).isEmpty();
    }
}
