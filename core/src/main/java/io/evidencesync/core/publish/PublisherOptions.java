package io.evidencesync.core.publish;

import java.time.Clock;

/**
 * Tuning of {@link EvidencePublisher}.
 *
 * @param producer           the tool and version recorded in manifests, e.g. {@code evidence-sync-cli/0.1.0}
 * @param concurrency        files read and uploaded at once
 * @param multipartThreshold files of at least this many bytes go up in parts
 * @param partSize           bytes per part (S3's minimum is 5 MiB)
 * @param clock              the clock for manifest timestamps
 */
public record PublisherOptions(String producer, int concurrency, long multipartThreshold, int partSize, Clock clock) {
    public static final int DEFAULT_CONCURRENCY = 16;
    public static final long DEFAULT_MULTIPART_THRESHOLD = 16L * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    private static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    public PublisherOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSize must be at least 5 MiB (S3's minimum), was " + partSize);
        }
        if (multipartThreshold < partSize) {
            throw new IllegalArgumentException("multipartThreshold must be at least partSize");
        }
    }

    public static PublisherOptions defaults(String producer) {
        return new PublisherOptions(producer, DEFAULT_CONCURRENCY, DEFAULT_MULTIPART_THRESHOLD, DEFAULT_PART_SIZE,
                Clock.systemUTC());
    }

    /** True for a file of this size: it goes up as a multipart upload, and is sent while it is validated. */
    public boolean goesInParts(long size) {
        return size >= multipartThreshold;
    }

    public PublisherOptions withConcurrency(int value) {
        return new PublisherOptions(producer, value, multipartThreshold, partSize, clock);
    }

    public PublisherOptions withClock(Clock value) {
        return new PublisherOptions(producer, concurrency, multipartThreshold, partSize, value);
    }

    public PublisherOptions withMultipart(long threshold, int size) {
        return new PublisherOptions(producer, concurrency, threshold, size, clock);
    }
}
