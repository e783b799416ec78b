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
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    @ParameterizedTest(name = "inside {0}")
    @MethodSource("itemsACutCouldFallInto")
    void shouldReadTheWholeFileWhenTheCutWouldFallInsideAFinding(String where, String odd) throws IOException {
        Path file = write(array(between(5, odd)));

        EvidenceSummary summary = halving.read("scan.json", file, beside);

        long oddStart = array(findings(0, 5)).length();
        assertThat(ArrayHalves.cut(file, Files.size(file))).as("a cut inside the odd finding")
                .isBetween(oddStart, oddStart + odd.length());
        assertThat(summary).isEqualTo(whole.read("scan.json", InputSource.of(file)));
        assertThat(summary.records()).isEqualTo(11);
    }

    static Stream<Arguments> itemsACutCouldFallInto() {
        return Stream.of(
                Arguments.of("a string", "{\"class_uid\":6007,\"message\":\"" + "},{".repeat(400) + "\"}"),
                Arguments.of("a nested array", "{\"class_uid\":6007,\"resources\":["
                        + "{\"uid\":\"r\"},".repeat(300) + "{\"uid\":\"last\"}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedArrays")
    void shouldRefuseWithTheMessageOfAWholeRead(String what, String text, String reason) throws IOException {
        Path file = write(text);

        Throwable wholeRefusal = catchRefusal(() -> whole.read("scan.json", InputSource.of(file)));

        assertThatThrownBy(() -> halving.read("scan.json", file, beside))
                .isInstanceOf(InvalidEvidenceException.class)
                .hasMessage(wholeRefusal.getMessage())
                .hasMessageStartingWith("scan.json: " + reason);
    }

    static Stream<Arguments> refusedArrays() {
        List<String> malformed = findings(0, 200);
        malformed.set(150, "{\"class_uid\":6007,\"status\":\"success\",}");
        List<String> notFindings = findings(0, 200);
        notFindings.set(180, "{\"name\":\"not a finding\"}");
        return Stream.of(
                Arguments.of("malformed JSON in the second half", array(malformed), "malformed JSON at line 1, column "),
                Arguments.of("a trailing comma", "[" + String.join(",", findings(0, 200)) + ",]", "malformed JSON"),
                Arguments.of("something other than findings in the second half", array(notFindings),
                        "JSON, but neither OTLP logs"));
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

    /** {@code n} findings, the odd item, {@code n} more findings. */
    private static List<String> between(int n, String odd) {
        List<String> items = findings(0, n);
        items.add(odd);
        items.addAll(findings(n, n));
        return items;
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
