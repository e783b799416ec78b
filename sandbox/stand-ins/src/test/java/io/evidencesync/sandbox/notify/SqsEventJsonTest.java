package io.evidencesync.sandbox.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class SqsEventJsonTest {
    private static final String QUEUE = "arn:aws:sqs:us-east-2:123456789012:my-queue";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_545_082_649_183L), ZoneOffset.UTC);

    @Test
    void shouldWrapTheBodyVerbatimWithTheAttributesOfAnSqsLambdaEvent() {
        JsonObject record = firstRecord(new SqsEventJson(QUEUE, CLOCK, new Random(3)).wrap(List.of("Test message.")));

        assertThat(record.get("body").getAsString()).isEqualTo("Test message.");
        // the MD5 of "Test message." as in the AWS Lambda SQS event example
        assertThat(record.get("md5OfBody").getAsString()).isEqualTo("e4e68fb7bd0e697a0ae8f1bb342846b3");
        assertThat(record.get("eventSource").getAsString()).isEqualTo("aws:sqs");
        assertThat(record.get("eventSourceARN").getAsString()).isEqualTo(QUEUE);
        assertThat(record.get("awsRegion").getAsString()).isEqualTo("us-east-2");
        assertThat(record.getAsJsonObject("messageAttributes").size()).isZero();
        assertThat(UUID.fromString(record.get("messageId").getAsString()).version()).isEqualTo(4);
        assertThat(record.get("receiptHandle").getAsString()).startsWith("AQEB");
        JsonObject attributes = record.getAsJsonObject("attributes");
        assertThat(attributes.get("ApproximateReceiveCount").getAsString()).isEqualTo("1");
        assertThat(attributes.get("SentTimestamp").getAsString()).isEqualTo("1545082649183");
        assertThat(attributes.get("ApproximateFirstReceiveTimestamp").getAsString()).isEqualTo("1545082649183");
        assertThat(attributes.has("SenderId")).isTrue();
    }

    @Test
    void shouldCarryAnS3EventAsAJsonStringBodyAndMarkRedeliveries() {
        String s3Event = new S3EventJson(S3NotificationSettings.defaults(), new Random(1))
                .render(CompletedUpload.put("b", "my key.json", 1, "e", null, Instant.EPOCH, "01"));

        String wrapped = new SqsEventJson(QUEUE, CLOCK, new Random(3)).wrap(List.of(s3Event, s3Event), 3);

        JsonObject event = JsonParser.parseString(wrapped).getAsJsonObject();
        assertThat(event.getAsJsonArray("Records")).hasSize(2);
        JsonObject record = event.getAsJsonArray("Records").get(0).getAsJsonObject();
        assertThat(record.get("body").getAsString()).isEqualTo(s3Event);
        assertThat(record.getAsJsonObject("attributes").get("ApproximateReceiveCount").getAsString()).isEqualTo("3");
        assertThat(event.getAsJsonArray("Records").get(1).getAsJsonObject().get("messageId"))
                .isNotEqualTo(record.get("messageId"));
    }

    @Test
    void shouldRejectSomethingThatIsNotAQueueArn() {
        assertThatThrownBy(() -> new SqsEventJson("arn:aws:sns:us-east-1:123456789012:topic", CLOCK, new Random()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SQS queue ARN");
    }

    private static JsonObject firstRecord(String event) {
        return JsonParser.parseString(event).getAsJsonObject().getAsJsonArray("Records").get(0).getAsJsonObject();
    }
}
