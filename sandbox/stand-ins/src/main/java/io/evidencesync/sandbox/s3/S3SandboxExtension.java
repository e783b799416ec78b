package io.evidencesync.sandbox.s3;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: one {@link SandboxS3} per test class, with the given buckets (versioned), emptied before each test.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final S3SandboxExtension S3 = new S3SandboxExtension("evidence");
 * </pre>
 */
public final class S3SandboxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final List<String> buckets;
    private SandboxS3 s3;
    private String owner;

    public S3SandboxExtension(String... buckets) {
        this.buckets = List.of(buckets);
    }

    /**
     * Starts the server for the class that registers the extension. JUnit calls this again for each {@code @Nested}
     * class; those share the outer class's server (reset before each test like the others) instead of replacing it.
     */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (s3 != null) {
            return;
        }
        owner = context.getUniqueId();
        s3 = SandboxS3.start();
        buckets.forEach(bucket -> s3.createBucket(bucket, true));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        s3.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (s3 != null && context.getUniqueId().equals(owner)) {
            s3.close();
            s3 = null;
        }
    }

    public SandboxS3 s3() {
        if (s3 == null) {
            throw new IllegalStateException("the S3 sandbox is started in beforeAll; register the extension as a static field");
        }
        return s3;
    }
}
