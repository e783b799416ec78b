package io.evidencesync.sandbox.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Renders S3 event notification messages ({@code {"Records":[...]}}, event version 2.1) as S3 delivers them to
 * Lambda, SQS and SNS, with the key URL-encoded by {@link S3KeyEncoding}.
 */
public final class S3EventJson {
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final S3NotificationSettings settings;
    private final RandomGenerator random;

    /**
     * @param random source of the request ids in {@code responseElements}; pass a seeded one for repeatable output
     */
    public S3EventJson(S3NotificationSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /** One message with one record, which is what S3 sends per event. */
    public String render(CompletedUpload upload) {
        return render(List.of(upload));
    }

    /** One message with a record per upload. */
    public String render(List<CompletedUpload> uploads) {
        JsonArray records = new JsonArray();
        uploads.forEach(upload -> records.add(record(upload)));
        JsonObject message = new JsonObject();
        message.add("Records", records);
        return message.toString();
    }

    /** The {@code s3:TestEvent} S3 sends once when a notification configuration is saved (consumers must skip it). */
    public String testEvent(String bucket, Instant time) {
        JsonObject event = new JsonObject();
        event.addProperty("Service", "Amazon S3");
        event.addProperty("Event", "s3:TestEvent");
        event.addProperty("Time", EVENT_TIME.format(time));
        event.addProperty("Bucket", bucket);
        event.addProperty("RequestId", requestId());
        event.addProperty("HostId", hostId());
        return event.toString();
    }

    private JsonObject record(CompletedUpload upload) {
        JsonObject record = new JsonObject();
        record.addProperty("eventVersion", "2.1");
        record.addProperty("eventSource", "aws:s3");
        record.addProperty("awsRegion", settings.region());
        record.addProperty("eventTime", EVENT_TIME.format(upload.eventTime()));
        record.addProperty("eventName", upload.eventName().wireName());
        record.add("userIdentity", principal(settings.requesterPrincipalId()));
        JsonObject requestParameters = new JsonObject();
        requestParameters.addProperty("sourceIPAddress", settings.sourceIpAddress());
        record.add("requestParameters", requestParameters);
        JsonObject responseElements = new JsonObject();
        responseElements.addProperty("x-amz-request-id", requestId());
        responseElements.addProperty("x-amz-id-2", hostId());
        record.add("responseElements", responseElements);
        record.add("s3", s3(upload));
        return record;
    }

    private JsonObject s3(CompletedUpload upload) {
        JsonObject bucket = new JsonObject();
        bucket.addProperty("name", upload.bucket());
        bucket.add("ownerIdentity", principal(settings.bucketOwnerPrincipalId()));
        bucket.addProperty("arn", "arn:aws:s3:::" + upload.bucket());
        JsonObject object = new JsonObject();
        object.addProperty("key", S3KeyEncoding.encode(upload.key()));
        object.addProperty("size", upload.size());
        object.addProperty("eTag", upload.eTag());
        if (upload.versionId() != null) {
            object.addProperty("versionId", upload.versionId());
        }
        object.addProperty("sequencer", upload.sequencer());
        JsonObject s3 = new JsonObject();
        s3.addProperty("s3SchemaVersion", "1.0");
        s3.addProperty("configurationId", settings.configurationId());
        s3.add("bucket", bucket);
        s3.add("object", object);
        return s3;
    }

    private static JsonObject principal(String principalId) {
        JsonObject identity = new JsonObject();
        identity.addProperty("principalId", principalId);
        return identity;
    }

    /** 16 upper-case hex digits, like S3's request ids. */
    private String requestId() {
        return HexFormat.of().formatHex(bytes(8)).toUpperCase(Locale.ROOT);
    }

    private String hostId() {
        return Base64.getEncoder().encodeToString(bytes(56));
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
