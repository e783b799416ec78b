package io.evidencesync.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.s3.S3Objects;

class EarlyUploadsTest {
    /** A client no request reaches: making an uploader sends nothing. */
    private static final S3Objects SILENT = (S3Objects) Proxy.newProxyInstance(S3Objects.class.getClassLoader(),
            new Class<?>[] {S3Objects.class}, (proxy, method, args) -> {
                throw new AssertionError("no request expected, got " + method.getName());
            });

    private final ExecutorService parts = Executors.newSingleThreadExecutor();
    private final List<String> warnings = new ArrayList<>();
    private final AtomicInteger asked = new AtomicInteger();

    @AfterEach
    void stop() {
        parts.shutdownNow();
    }

    @Test
    void shouldMakeTheUploaderOnFirstNeedAndHandOutThatOneAfterwards() {
        EarlyUploads early = uploads(() -> {
            asked.incrementAndGet();
            return SILENT;
        });

        assertThat(early.made()).as("nothing made before it is needed").isNull();
        ObjectUploader first = early.uploader();

        assertThat(first).isNotNull().isSameAs(early.uploader()).isSameAs(early.made());
        assertThat(first.client()).isSameAs(SILENT);
        assertThat(asked).hasValue(1);
    }

    @Test
    void shouldHaveNoUploaderWhileTheClientCannotBeHadAndAskAgainNextTime() {
        EarlyUploads early = uploads(() -> {
            if (asked.incrementAndGet() == 1) {
                throw new EvidenceException("no AWS credentials found");
            }
            return SILENT;
        });

        assertThat(early.uploader()).isNull();
        assertThat(early.made()).isNull();
        assertThat(early.uploader()).isNotNull();
        assertThat(asked).hasValue(2);
    }

    @Test
    void shouldMakeNoUploaderOnceClosed() {
        EarlyUploads early = uploads(() -> {
            asked.incrementAndGet();
            return SILENT;
        });

        early.close("evidence-bucket");

        assertThat(early.uploader()).isNull();
        assertThat(early.made()).isNull();
        assertThat(asked).as("no client asked for after the publish ended").hasValue(0);
        assertThat(warnings).isEmpty();
    }

    private EarlyUploads uploads(Supplier<S3Objects> client) {
        return new EarlyUploads(client, PublisherOptions.defaults("test/1"), parts, warnings::add);
    }
}
