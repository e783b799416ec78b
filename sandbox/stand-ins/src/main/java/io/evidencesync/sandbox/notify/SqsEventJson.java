package io.evidencesync.sandbox.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Wraps message bodies (e.g. S3 event JSON from {@link S3EventJson}) into the SQS event a Lambda event source mapping
 * delivers: {@code {"Records":[{"messageId", "receiptHandle", "body", "attributes", "messageAttributes",
 * "md5OfBody", "eventSource":"aws:sqs", "eventSourceARN", "awsRegion"}]}}.
 */
public final class SqsEventJson {
    private static final Pattern QUEUE_ARN = Pattern.compile("arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\\d{12}):[A-Za-z0-9_.-]+");
    /** The sender S3 notifications show up with (a service principal id, here a sandbox one). */
    private static final String SENDER_ID = "AIDASANDBOXS3NOTIFIER";

    private final String queueArn;
    private final String region;
    private final Clock clock;
    private final RandomGenerator random;

    /**
     * @param queueArn e.g. {@code arn:aws:sqs:us-east-1:000000000000:evidence-events}; its region becomes {@code awsRegion}
     */
    public SqsEventJson(String queueArn, Clock clock, RandomGenerator random) {
        Matcher matcher = QUEUE_ARN.matcher(Objects.requireNonNull(queueArn, "queueArn"));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + queueArn);
        }
        this.queueArn = queueArn;
        this.region = matcher.group(1);
        this.clock = clock;
        this.random = random;
    }

    /** A first delivery of each body. */
    public String wrap(List<String> bodies) {
        return wrap(bodies, 1);
    }

    /**
     * @param approximateReceiveCount 1 for a first delivery, more for a redelivery after a failed or timed-out attempt
     */
    public String wrap(List<String> bodies, int approximateReceiveCount) {
        if (approximateReceiveCount < 1) {
            throw new IllegalArgumentException("approximateReceiveCount starts at 1");
        }
        String now = Long.toString(clock.millis());
        JsonArray records = new JsonArray();
        for (String body : bodies) {
            JsonObject attributes = new JsonObject();
            attributes.addProperty("ApproximateReceiveCount", Integer.toString(approximateReceiveCount));
            attributes.addProperty("SentTimestamp", now);
            attributes.addProperty("SenderId", SENDER_ID);
            attributes.addProperty("ApproximateFirstReceiveTimestamp", now);
            JsonObject record = new JsonObject();
            record.addProperty("messageId", uuid().toString());
            record.addProperty("receiptHandle", receiptHandle());
            record.addProperty("body", body);
            record.add("attributes", attributes);
            record.add("messageAttributes", new JsonObject());
            record.addProperty("md5OfBody", md5Hex(body));
            record.addProperty("eventSource", "aws:sqs");
            record.addProperty("eventSourceARN", queueArn);
            record.addProperty("awsRegion", region);
            records.add(record);
        }
        JsonObject event = new JsonObject();
        event.add("Records", records);
        return event.toString();
    }

    /** A version-4 UUID drawn from the injected generator, so seeded output repeats. */
    private UUID uuid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    private String receiptHandle() {
        byte[] bytes = new byte[120];
        random.nextBytes(bytes);
        return "AQEB" + Base64.getEncoder().encodeToString(bytes);
    }

    private static String md5Hex(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
