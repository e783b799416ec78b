package io.evidencesync.sandbox.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.evidencesync.sandbox.s3.S3SandboxExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

class S3EventNotifierTest {
    private static final String BUCKET = "evidence-sandbox";

    @RegisterExtension
    static final S3SandboxExtension S3 = new S3SandboxExtension(BUCKET);

    private final List<String> delivered = new ArrayList<>();
    private S3Client s3;
    private S3EventNotifier notifier;

    @BeforeEach
    void setUp() {
        s3 = S3.s3().client(ApacheHttpClient.create());
        notifier = new S3EventNotifier(s3, new S3EventJson(S3NotificationSettings.defaults(), new Random(5)), delivered::add);
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    @Test
    void shouldDeliverAPutEventWithTheStoredObjectsSizeETagAndVersion() {
        PutObjectResponse put = s3.putObject(r -> r.bucket(BUCKET).key("evidence/my file:1+2.json"),
                RequestBody.fromString("{\"ok\":true}"));

        String message = notifier.notifyObjectCreated(BUCKET, "evidence/my file:1+2.json");

        assertThat(delivered).containsExactly(message);
        JsonObject record = record(message);
        JsonObject object = record.getAsJsonObject("s3").getAsJsonObject("object");
        assertThat(record.get("eventName").getAsString()).isEqualTo("ObjectCreated:Put");
        assertThat(record.getAsJsonObject("s3").getAsJsonObject("bucket").get("name").getAsString()).isEqualTo(BUCKET);
        assertThat(object.get("key").getAsString()).isEqualTo("evidence/my+file%3A1%2B2.json");
        assertThat(object.get("size").getAsLong()).isEqualTo(11);
        assertThat(object.get("eTag").getAsString()).isEqualTo(put.eTag().replace("\"", ""));
        assertThat(put.versionId()).isNotBlank();
        assertThat(object.get("versionId").getAsString()).isEqualTo(put.versionId());
    }

    @Test
    void shouldNameAMultipartUploadCompleteMultipartUpload() {
        String key = "evidence/big.bin";
        String uploadId = s3.createMultipartUpload(r -> r.bucket(BUCKET).key(key)).uploadId();
        String eTag = s3.uploadPart(r -> r.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[1024])).eTag();
        s3.completeMultipartUpload(r -> r.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(eTag).build())));

        JsonObject record = record(notifier.notifyObjectCreated(BUCKET, key));

        assertThat(record.get("eventName").getAsString()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
    }

    @Test
    void shouldReplayOnlyTheObjectsUnderThePrefixInKeyOrderWithIncreasingSequencers() {
        for (String key : List.of("evidence/b.json", "other/x.json", "evidence/a.json", "evidence/sub/c.json")) {
            s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString(key));
        }

        List<String> messages = notifier.notifyExisting(BUCKET, "evidence/");

        assertThat(messages).isEqualTo(delivered);
        assertThat(messages).extracting(message -> object(message).get("key").getAsString())
                .containsExactly("evidence/a.json", "evidence/b.json", "evidence/sub/c.json");
        List<String> sequencers = messages.stream().map(message -> object(message).get("sequencer").getAsString()).toList();
        assertThat(sequencers).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldDeliverAGivenUploadWithoutReadingS3() {
        s3.close();

        String message = notifier.notify(CompletedUpload.put(BUCKET, "not/stored.json", 3, "\"e\"", null,
                Instant.EPOCH, "01"));

        assertThat(delivered).containsExactly(message);
        assertThat(object(message).get("eTag").getAsString()).isEqualTo("e");
    }

    private static JsonObject record(String message) {
        return JsonParser.parseString(message).getAsJsonObject().getAsJsonArray("Records").get(0).getAsJsonObject();
    }

    private static JsonObject object(String message) {
        return record(message).getAsJsonObject("s3").getAsJsonObject("object");
    }
}
