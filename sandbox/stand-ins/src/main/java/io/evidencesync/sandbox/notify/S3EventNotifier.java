package io.evidencesync.sandbox.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Plays S3's event notification role in the sandbox: turns created objects into S3 event JSON and hands each
 * message to a consumer (the bridge Lambda's handler, an SQS wrapper, a queue in a test).
 *
 * <pre>
 * List&lt;String&gt; delivered = new ArrayList&lt;&gt;();
 * S3EventNotifier notifier = new S3EventNotifier(s3Client,
 *         new S3EventJson(S3NotificationSettings.defaults(), new SplittableRandom()), delivered::add);
 * notifier.notifyObjectCreated("evidence-sandbox", "evidence/run-42/scan.json");
 * // or, for SQS-triggered consumers:
 * SqsEventJson sqs = new SqsEventJson("arn:aws:sqs:us-east-1:000000000000:evidence", Clock.systemUTC(), new SplittableRandom());
 * new S3EventNotifier(s3Client, events, json -&gt; handler.accept(sqs.wrap(List.of(json))));
 * </pre>
 */
public final class S3EventNotifier {
    /** A multipart upload's ETag ends in {@code -<part count>}. */
    private static final Pattern MULTIPART_ETAG = Pattern.compile("\"?[0-9a-fA-F]+-\\d+\"?");

    private final S3Client s3;
    private final S3EventJson events;
    private final Consumer<String> sink;
    private final AtomicLong lastSequencer = new AtomicLong();

    /**
     * @param s3     reads object metadata (HeadObject, ListObjectsV2), e.g. a client for {@code SandboxS3}
     * @param events renders the messages
     * @param sink   receives each message, synchronously, in order
     */
    public S3EventNotifier(S3Client s3, S3EventJson events, Consumer<String> sink) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.events = Objects.requireNonNull(events, "events");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Delivers the event for an upload whose details the caller already has; returns the delivered JSON. */
    public String notify(CompletedUpload upload) {
        String message = events.render(upload);
        sink.accept(message);
        return message;
    }

    /**
     * Reads the object's current metadata with HeadObject and delivers its {@code ObjectCreated} event
     * ({@code CompleteMultipartUpload} when the ETag is a multipart one, else {@code Put}).
     */
    public String notifyObjectCreated(String bucket, String key) {
        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
        return notify(uploadOf(bucket, key, head));
    }

    /**
     * Delivers an event for every object under {@code prefix} (ListObjectsV2, all pages, key order), e.g. to
     * replay a bucket into the bridge in the demo.
     *
     * @return the delivered messages, in delivery order
     */
    public List<String> notifyExisting(String bucket, String prefix) {
        List<String> delivered = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            delivered.add(notifyObjectCreated(bucket, object.key()));
        }
        return delivered;
    }

    private CompletedUpload uploadOf(String bucket, String key, HeadObjectResponse head) {
        S3EventName name = MULTIPART_ETAG.matcher(head.eTag()).matches() ? S3EventName.COMPLETE_MULTIPART_UPLOAD : S3EventName.PUT;
        Instant time = head.lastModified();
        return new CompletedUpload(bucket, key, head.contentLength(), head.eTag(), head.versionId(), time, nextSequencer(time), name);
    }

    /** Increasing per notifier and roughly following the event time, as S3's sequencers do per key. */
    private String nextSequencer(Instant eventTime) {
        long fromTime = eventTime.toEpochMilli() << 8;
        return String.format("%018X", lastSequencer.accumulateAndGet(fromTime, (last, candidate) -> Math.max(last + 1, candidate)));
    }
}
