package io.evidencesync.sandbox.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class S3EventJsonTest {
    private static final S3NotificationSettings AWS_EXAMPLE_SETTINGS = new S3NotificationSettings("us-west-2",
            "A3NL1KOZZKExample", "AIDAJDPLRKLG7UEXAMPLE", "172.16.0.1", "testConfigRule");

    @Test
    void shouldRenderTheSameMessageAsTheAwsDocumentationExampleApartFromRequestIds() throws Exception {
        CompletedUpload upload = CompletedUpload.put("amzn-s3-demo-bucket", "HappyFace.jpg", 1024,
                "\"d41d8cd98f00b204e9800998ecf8427e\"", "096fKKXTRTtl3on89fVO.nfljtsv6qko", Instant.EPOCH, "0055AED6DCD90281E5");

        JsonObject actual = JsonParser.parseString(new S3EventJson(AWS_EXAMPLE_SETTINGS, new Random(1)).render(upload)).getAsJsonObject();

        JsonObject expected = awsExample();
        JsonObject actualIds = record(actual).getAsJsonObject("responseElements");
        assertThat(actualIds.get("x-amz-request-id").getAsString()).matches("[0-9A-F]{16}");
        assertThat(actualIds.get("x-amz-id-2").getAsString()).matches("[A-Za-z0-9+/=]{60,}");
        record(expected).add("responseElements", actualIds);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void shouldEncodeTheKeyLeaveOutAMissingVersionIdAndNameMultipartUploads() {
        CompletedUpload upload = new CompletedUpload("evidence", "evidence/my file:1+2.json", 5, "abc-2", null,
                Instant.parse("2026-03-01T10:00:00.120Z"), "00000000000000000A", S3EventName.COMPLETE_MULTIPART_UPLOAD);

        JsonObject record = record(JsonParser.parseString(
                new S3EventJson(S3NotificationSettings.defaults(), new Random(1)).render(upload)).getAsJsonObject());

        JsonObject object = record.getAsJsonObject("s3").getAsJsonObject("object");
        assertThat(object.get("key").getAsString()).isEqualTo("evidence/my+file%3A1%2B2.json");
        assertThat(object.has("versionId")).isFalse();
        assertThat(object.get("eTag").getAsString()).isEqualTo("abc-2");
        assertThat(record.get("eventName").getAsString()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(record.get("eventTime").getAsString()).isEqualTo("2026-03-01T10:00:00.120Z");
        assertThat(record.get("awsRegion").getAsString()).isEqualTo("us-east-1");
    }

    @Test
    void shouldPutOneRecordPerUploadInAMultiRecordMessage() {
        CompletedUpload first = CompletedUpload.put("b", "k1", 1, "e1", "v1", Instant.EPOCH, "01");
        CompletedUpload second = CompletedUpload.put("b", "k2", 2, "e2", "v2", Instant.EPOCH, "02");

        JsonObject message = JsonParser.parseString(
                new S3EventJson(S3NotificationSettings.defaults(), new Random(1)).render(List.of(first, second))).getAsJsonObject();

        assertThat(message.getAsJsonArray("Records")).hasSize(2);
    }

    @Test
    void shouldRenderTheTestEventThatConsumersMustSkip() {
        JsonObject event = JsonParser.parseString(new S3EventJson(S3NotificationSettings.defaults(), new Random(1))
                .testEvent("evidence-sandbox", Instant.EPOCH)).getAsJsonObject();

        assertThat(event.get("Event").getAsString()).isEqualTo("s3:TestEvent");
        assertThat(event.get("Bucket").getAsString()).isEqualTo("evidence-sandbox");
        assertThat(event.has("Records")).isFalse();
    }

    private static JsonObject record(JsonObject message) {
        return message.getAsJsonArray("Records").get(0).getAsJsonObject();
    }

    private static JsonObject awsExample() throws Exception {
        try (Reader reader = new InputStreamReader(
                S3EventJsonTest.class.getResourceAsStream("aws-docs-object-created-put.json"), StandardCharsets.UTF_8)) {
            JsonElement parsed = JsonParser.parseReader(reader);
            return parsed.getAsJsonObject();
        }
    }
}
