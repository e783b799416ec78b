package io.evidencesync.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FormatGuessTest {
    private static final String OTLP = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[]}]}]}";
    private static final String OCSF = "{\"class_uid\":2003,\"status\":\"Pass\"}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an array of findings | [" + "{\"class_uid\":2003}]" + " | ocsf-json",
            "one OTLP document | " + OTLP + " | otlp-json",
            "one OCSF finding | " + OCSF + " | ocsf-json"})
    void shouldGuessTheFormatOfOneDocumentFromItsHead(String what, String text, String format) throws IOException {
        FormatGuess guess = FormatGuess.of(source(text.getBytes(StandardCharsets.UTF_8)));

        assertThat(guess).isEqualTo(new FormatGuess(EvidenceFormat.fromId(format), false));
    }

    @Test
    void shouldGuessJsonLinesWhenALaterLineStartsADocument() throws IOException {
        assertThat(FormatGuess.of(source((OTLP + "\n" + OTLP + "\n").getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(new FormatGuess(EvidenceFormat.OTLP_JSONL, false));
        assertThat(FormatGuess.of(source((OCSF + "\r\n" + OCSF).getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(new FormatGuess(EvidenceFormat.OCSF_JSONL, false));
    }

    @Test
    void shouldSeeThroughGzipAByteOrderMarkAndLeadingWhiteSpace() throws IOException {
        byte[] text = ("\uFEFF \n\t" + OTLP).getBytes(StandardCharsets.UTF_8);

        assertThat(FormatGuess.of(source(EvidenceReaderTest.gzip(text))))
                .isEqualTo(new FormatGuess(EvidenceFormat.OTLP_JSON, true));
    }

    @Test
    void shouldNotGuessWhatDoesNotLookLikeEvidence() throws IOException {
        assertThat(FormatGuess.of(source("not json".getBytes(StandardCharsets.UTF_8)))).isNull();
        assertThat(FormatGuess.of(source("{\"resourceSpans\":[]}".getBytes(StandardCharsets.UTF_8)))).isNull();
        assertThat(FormatGuess.of(source(" \n".getBytes(StandardCharsets.UTF_8)))).isNull();
        assertThat(FormatGuess.of(source(new byte[0]))).isNull();
        byte[] cutGzip = Arrays.copyOf(EvidenceReaderTest.gzip(OTLP.getBytes(StandardCharsets.UTF_8)), 12);
        assertThat(FormatGuess.of(source(cutGzip))).as("a broken gzip stream is left to the parse").isNull();
    }

    @Test
    void shouldNotGuessWhenTheHeadIsOneUnfinishedLine() throws IOException {
        String line = OCSF.replace("}", ",\"message\":\"" + "x".repeat(70 * 1024) + "\"}");

        // one minified document, or JSON Lines of long lines: the first 64 KB cannot tell
        assertThat(FormatGuess.of(source((line + "\n" + OCSF).getBytes(StandardCharsets.UTF_8)))).isNull();
        assertThat(FormatGuess.of(source(line.getBytes(StandardCharsets.UTF_8)))).isNull();
    }

    @Test
    void shouldGoByWhicheverMarkComesFirst() throws IOException {
        String finding = "{\"class_uid\":2003,\"message\":\"exported as \\\"resourceLogs\\\"\"}\n";

        assertThat(FormatGuess.of(source(finding.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(new FormatGuess(EvidenceFormat.OCSF_JSON, false));
    }

    private static InputSource source(byte[] bytes) {
        return () -> new ByteArrayInputStream(bytes);
    }
}
