package io.evidencesync.bridge.replay;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.stream.Collectors;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A minimal but genuine S3 event notification ({@code {"Records":[...]}}, event version 2.1, one record) for an
 * object that already exists, as S3 would have sent it when the object was created. The key is URL-encoded like S3
 * does ({@code application/x-www-form-urlencoded} per path segment: space to {@code +}, {@code +} to {@code %2B}),
 * so the bridge's decoder gets back the exact key.
 */
final class S3EventMessage {
    /** Marks events made by this tool (userIdentity, configurationId) so they can be told apart in logs. */
    static final String ORIGIN = "evidence-sync-backfill";

    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private S3EventMessage() {
    }

    /** One listed object. {@code versionId} and {@code eTag} may be null. */
    record ObjectVersion(String bucket, String key, String versionId, long size, String eTag, Instant lastModified) {
    }

    static String encodeKey(String key) {
        return Arrays.stream(key.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
    }

    static String render(String region, ObjectVersion object) {
        JsonObject bucket = new JsonObject();
        bucket.addProperty("name", object.bucket());
        bucket.add("ownerIdentity", principal());
        bucket.addProperty("arn", "arn:aws:s3:::" + object.bucket());

        JsonObject entity = new JsonObject();
        entity.addProperty("key", encodeKey(object.key()));
        entity.addProperty("size", object.size());
        if (object.eTag() != null) {
            entity.addProperty("eTag", object.eTag().replace("\"", ""));
        }
        if (object.versionId() != null && !"null".equals(object.versionId())) {
            entity.addProperty("versionId", object.versionId());
        }
        // no sequencer: S3's sequencers order S3's own events of a key, and a made-up one cannot be compared with
        // them; the bridge processes an event without one as a replay (never "superseded")

        JsonObject s3 = new JsonObject();
        s3.addProperty("s3SchemaVersion", "1.0");
        s3.addProperty("configurationId", ORIGIN);
        s3.add("bucket", bucket);
        s3.add("object", entity);

        JsonObject requestParameters = new JsonObject();
        requestParameters.addProperty("sourceIPAddress", "127.0.0.1");
        JsonObject responseElements = new JsonObject();
        responseElements.addProperty("x-amz-request-id", ORIGIN);
        responseElements.addProperty("x-amz-id-2", ORIGIN);

        JsonObject record = new JsonObject();
        record.addProperty("eventVersion", "2.1");
        record.addProperty("eventSource", "aws:s3");
        record.addProperty("awsRegion", region);
        record.addProperty("eventTime", EVENT_TIME.format(object.lastModified()));
        record.addProperty("eventName", "ObjectCreated:Put");
        record.add("userIdentity", principal());
        record.add("requestParameters", requestParameters);
        record.add("responseElements", responseElements);
        record.add("s3", s3);

        JsonArray records = new JsonArray();
        records.add(record);
        JsonObject message = new JsonObject();
        message.add("Records", records);
        return message.toString();
    }

    private static JsonObject principal() {
        JsonObject identity = new JsonObject();
        identity.addProperty("principalId", ORIGIN);
        return identity;
    }
}
