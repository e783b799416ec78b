package io.evidencesync.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large JSON array of findings is read in two halves at once; whatever the file, the result and the messages are
 * those of reading it from its start.
 */
@org.junit.jupiter.api.Timeout(60)
class EvidenceReaderHalvesTest {
    @TempDir
    Path dir;

    private final EvidenceReader halving = new EvidenceReader(false);
    private final EvidenceReader whole = new EvidenceReader(false);
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final AtomicInteger halvesHandedOver = new AtomicInteger();
    private final Executor beside = task -> {
        halvesHandedOver.incrementAndGet();
        pool.execute(task);
    };

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void shouldReadALargeArrayOfFindingsInHalvesWithTheSameSummaryAsAWholeRead() throws IOException {
        Path file = write(array(findings(0, 200)));

        EvidenceSummary halves = halving.read("scan.json", file, beside);

        assertThat(halvesHandedOver).hasValue(1);
        assertThat(halves).isEqualTo(whole.read("scan.json", InputSource.of(file)));
        assertThat(halves.records()).isEqualTo(200);
        assertThat(halves.format()).isEqualTo(EvidenceFormat.OCSF_JSON);
        assertThat(halves.controls()).contains("C-0", "C-19");
        assertThat(halves.results()).containsEntry("failure", 67L).containsEntry("success", 133L);
    }

    @Test
    void shouldReadTheWholeFileWhenTheCutWouldFallInsideAString() throws IOException {
        String decoy = "{\"class_uid\":6007,\"message\":\"" + "},{".repeat(400) + "\"}";
        List<String> items = findings(0, 5);
        items.add(decoy);
        items.addAll(findings(5, 5));
        Path file = write(array(items));

        EvidenceSummary summary = halving.read("scan.json", file, beside);

        assertThat(ArrayHalves.cut(file, Files.size(file))).as("a cut inside the decoy string")
                .isBetween((long) array(findings(0, 5)).length(), (long) array(findings(0, 5)).length() + decoy.length());
        assertThat(summary).isEqualTo(whole.read("scan.json", InputSource.of(file)));
        assertThat(summary.records()).isEqualTo(11);
    }

    @Test
    void shouldReadTheWholeFileWhenTheCutWouldFallInsideANestedArray() throws IOException {
        String nested = "{\"class_uid\":6007,\"resources\":[" + "{\"uid\":\"r\"},".repeat(300) + "{\"uid\":\"last\"}]}";
        List<String> items = findings(0, 3);
        items.add(nested);
        items.addAll(findings(3, 3));
        Path file = write(array(items));

        EvidenceSummary summary = halving.read("scan.json", file, beside);

        assertThat(summary).isEqualTo(whole.read("scan.json", InputSource.of(file)));
        assertThat(summary.records()).isEqualTo(7);
    }

    @Test
    void shouldRefuseMalformedJsonInTheSecondHalfWithTheMessageOfAWholeRead() throws IOException {
        List<String> items = findings(0, 200);
        items.set(150, "{\"class_uid\":6007,\"status\":\"success\",}");
        Path file = write(array(items));

        Throwable wholeRefusal = catchRefusal(() -> whole.read("scan.json", InputSource.of(file)));

        assertThatThrownBy(() -> halving.read("scan.json", file, beside))
                .isInstanceOf(InvalidEvidenceException.class)
                .hasMessage(wholeRefusal.getMessage())
                .hasMessageContaining("scan.json: malformed JSON at line 1, column ");
    }

    @Test
    void shouldRefuseATrailingCommaAsAWholeReadDoes() throws IOException {
        String items = String.join(",", findings(0, 200));
        Path file = write("[" + items + ",]");

        Throwable wholeRefusal = catchRefusal(() -> whole.read("scan.json", InputSource.of(file)));

        assertThatThrownBy(() -> halving.read("scan.json", file, beside)).hasMessage(wholeRefusal.getMessage())
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void shouldRefuseAnArrayWhoseSecondHalfHoldsSomethingOtherThanFindingsAsAWholeReadDoes() throws IOException {
        List<String> items = findings(0, 200);
        items.set(180, "{\"name\":\"not a finding\"}");
        Path file = write(array(items));

        Throwable wholeRefusal = catchRefusal(() -> whole.read("scan.json", InputSource.of(file)));

        assertThatThrownBy(() -> halving.read("scan.json", file, beside)).hasMessage(wholeRefusal.getMessage())
                .hasMessageContaining("neither OTLP logs");
    }

    @Test
    void shouldReadJsonLinesOfArraysAsAWholeReadDoes() throws IOException {
        Path file = write(array(findings(0, 100)) + "\n" + array(findings(100, 100)) + "\n");

        EvidenceSummary summary = halving.read("scan.jsonl", file, beside);

        assertThat(summary).isEqualTo(whole.read("scan.jsonl", InputSource.of(file)));
        assertThat(summary.format()).isEqualTo(EvidenceFormat.OCSF_JSONL);
        assertThat(summary.records()).isEqualTo(200);
    }

    @Test
    void shouldReadInHalvesAfterAByteOrderMarkAndWhiteSpace() throws IOException {
        Path file = dir.resolve("bom.json");
        Files.write(file, ("\uFEFF \n" + array(findings(0, 200)) + "\n").getBytes(StandardCharsets.UTF_8));

        EvidenceSummary summary = halving.read("bom.json", file, beside);

        assertThat(halvesHandedOver).hasValue(1);
        assertThat(summary).isEqualTo(whole.read("bom.json", InputSource.of(file)));
        assertThat(summary.records()).isEqualTo(200);
    }

    @Test
    void shouldReadAGzippedArrayFromItsStart() throws IOException {
        Path file = dir.resolve("scan.json.gz");
        Files.write(file, EvidenceReaderTest.gzip(array(findings(0, 400)).getBytes(StandardCharsets.UTF_8)));

        EvidenceSummary summary = halving.read("scan.json.gz", file, beside);

        assertThat(halvesHandedOver).hasValue(0);
        assertThat(summary.compressed()).isTrue();
        assertThat(summary.records()).isEqualTo(400);
    }

    @Test
    void shouldReadTheSecondHalfOnItsOwnThreadWhenTheExecutorNeverStartsIt() throws IOException {
        List<Runnable> neverRun = new ArrayList<>();
        Path file = write(array(findings(0, 200)));

        EvidenceSummary summary = halving.read("scan.json", file, neverRun::add);

        assertThat(neverRun).hasSize(1);
        assertThat(summary.records()).isEqualTo(200);
    }

    @Test
    void shouldReadTheSecondHalfOnItsOwnThreadWhenTheExecutorRefusesIt() throws IOException {
        Path file = write(array(findings(0, 200)));

        EvidenceSummary summary = halving.read("scan.json", file, task -> {
            throw new RejectedExecutionException("shut down");
        });

        assertThat(summary.records()).isEqualTo(200);
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("evidence-" + System.nanoTime() + ".json");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> findings(int from, int count) {
        List<String> findings = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            boolean pass = n % 3 != 0;
            findings.add("{\"class_uid\":6007,\"status\":\"" + (pass ? "success" : "failure") + "\","
                    + "\"policy\":{\"uid\":\"rule-" + (n % 7) + "\"},"
                    + "\"compliance\":{\"control\":\"C-" + (n % 20) + "\",\"standards\":[\"S\"],\"status\":\""
                    + (pass ? "Pass" : "Fail") + "\"},\"message\":\"finding " + n + "\"}");
        }
        return findings;
    }

    private static String array(List<String> items) {
        return "[" + String.join(",", items) + "]";
    }

    private static Throwable catchRefusal(ThrowingRead read) {
        try {
            read.run();
        } catch (IOException | RuntimeException e) {
            return e;
        }
        throw new AssertionError("the whole read accepted the file");
    }

    @FunctionalInterface
    private interface ThrowingRead {
        void run() throws IOException;
    }
}
