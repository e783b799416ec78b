package io.evidencesync.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

class EvidenceReaderTest {
    private final EvidenceReader strict = new EvidenceReader(false);

    @Test
    void shouldReadComplyBeaconOtlpLogsWithControl() throws IOException {
        EvidenceSummary summary = strict.read("otlp.json", source(fixture("otlp-logs-with-control.json")));

        assertThat(summary.format()).isEqualTo(EvidenceFormat.OTLP_JSON);
        assertThat(summary.compressed()).isFalse();
        assertThat(summary.records()).isEqualTo(1);
        assertThat(summary.controls()).containsExactly("OSPS-QA-07.01");
        assertThat(summary.policyRules()).containsExactly("github_branch_protection");
        assertThat(summary.results()).containsEntry("fail", 1L);
    }

    @Test
    void shouldReadOcsfFinding() throws IOException {
        EvidenceSummary summary = strict.read("scan.json", source(fixture("ocsf-scan-activity.json")));

        assertThat(summary.format()).isEqualTo(EvidenceFormat.OCSF_JSON);
        assertThat(summary.records()).isEqualTo(1);
        assertThat(summary.policyRules()).containsExactly("github_branch_protection");
        assertThat(summary.results()).containsEntry("failure", 1L);
    }

    @Test
    void shouldReadOcsfArrayOfFindings() throws IOException {
        String finding = new String(fixture("ocsf-scan-activity.json"), StandardCharsets.UTF_8);
        EvidenceSummary summary = strict.read("scan.json", source(("[" + finding + "," + finding + "]").getBytes(StandardCharsets.UTF_8)));

        assertThat(summary.format()).isEqualTo(EvidenceFormat.OCSF_JSON);
        assertThat(summary.records()).isEqualTo(2);
    }

    @Test
    void shouldReadTheComplianceObjectOfOcsfFindings() throws IOException {
        String finding = "{\"class_uid\": 2003, \"status\": \"Failed\", \"message\": \"big text\","
                + " \"policy\": {\"uid\": \"p-1\", \"data\": {\"nested\": [1, 2]}},"
                + " \"compliance\": {\"control\": \"CC7.2\", \"requirements\": [\"R1\", \"R2\"],"
                + " \"standards\": [\"SOC2\"], \"status\": \"Fail\"}}";

        EvidenceSummary summary = strict.read("finding.json", source(finding.getBytes(StandardCharsets.UTF_8)));

        assertThat(summary.controls()).containsExactly("CC7.2");
        assertThat(summary.requirements()).containsExactly("R1", "R2");
        assertThat(summary.frameworks()).containsExactly("SOC2");
        assertThat(summary.complianceStatuses()).containsEntry("Fail", 1L);
        assertThat(summary.policyRules()).containsExactly("p-1");
        assertThat(summary.results()).containsEntry("Failed", 1L);
    }

    @Test
    void shouldDetectGzipByMagicBytesWhateverTheName() throws IOException {
        EvidenceSummary summary = strict.read("evidence.json", source(gzip(fixture("otlp-logs-with-control.json"))));

        assertThat(summary.compressed()).isTrue();
        assertThat(summary.format()).isEqualTo(EvidenceFormat.OTLP_JSON);
        assertThat(summary.controls()).containsExactly("OSPS-QA-07.01");
    }

    @Test
    void shouldReadJsonLinesOfOtlpDocuments() throws IOException {
        String line = compact(fixture("otlp-logs-with-control.json"));
        String other = compact(fixture("otlp-logs.json"));
        byte[] jsonl = (line + "\n\n" + other + "\r\n" + line + "\n").getBytes(StandardCharsets.UTF_8);

        EvidenceSummary summary = strict.read("logs.jsonl", source(jsonl));

        assertThat(summary.format()).isEqualTo(EvidenceFormat.OTLP_JSONL);
        assertThat(summary.records()).isEqualTo(3);
        assertThat(summary.controls()).containsExactly("OSPS-QA-07.01");
    }

    @Test
    void shouldReadArrayValuedComplianceAttributes() throws IOException {
        String json = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"attributes\":["
                + "{\"key\":\"compliance.frameworks\",\"value\":{\"arrayValue\":{\"values\":[{\"stringValue\":\"SOC2\"},{\"stringValue\":\"OSPS-B\"}]}}},"
                + "{\"key\":\"compliance.requirements\",\"value\":{\"stringValue\":\"CC7.2,CC8.1\"}},"
                + "{\"key\":\"compliance.status\",\"value\":{\"stringValue\":\"Non-Compliant\"}},"
                + "{\"key\":\"policy.rule.id\",\"value\":{\"stringValue\":\"rule-1\"}},"
                + "{\"key\":\"policy.evaluation.result\",\"value\":{\"stringValue\":\"Failed\"}}]}]}]}]}";

        EvidenceSummary summary = strict.read("a.json", source(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(summary.frameworks()).containsExactly("OSPS-B", "SOC2");
        assertThat(summary.requirements()).containsExactly("CC7.2", "CC8.1");
        assertThat(summary.complianceStatuses()).containsEntry("Non-Compliant", 1L);
        assertThat(summary.policyRules()).containsExactly("rule-1");
        assertThat(summary.results()).containsEntry("Failed", 1L);
    }

    @Test
    void shouldNameFileAndPositionOfMalformedOtlp() {
        byte[] broken = "{\n  \"resourceLogs\": [\n    {\"scopeLogs\": [ {\"logRecords\": [ {\"attributes\": [}\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> strict.read("reports/otlp.json", source(broken)))
                .isInstanceOf(InvalidEvidenceException.class)
                .hasMessageStartingWith("reports/otlp.json: malformed JSON at line 3, column ")
                .hasMessageNotContaining("Troubleshooting");
    }

    @Test
    void shouldNameLineOfMalformedJsonLines() {
        String line = compact(fixture("otlp-logs.json"));
        byte[] jsonl = (line + "\n" + line + "\n{\"resourceLogs\": [oops]}\n").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> strict.read("logs.jsonl", source(jsonl)))
                .isInstanceOf(InvalidEvidenceException.class)
                .hasMessageStartingWith("logs.jsonl: malformed JSON at line 3, column ");
    }

    @Test
    void shouldRefuseTruncatedGzip() throws IOException {
        byte[] gz = gzip(fixture("otlp-logs.json"));
        byte[] truncated = Arrays.copyOf(gz, gz.length / 2);

        assertThatThrownBy(() -> strict.read("evidence.json.gz", source(truncated)))
                .isInstanceOf(InvalidEvidenceException.class)
                .hasMessageStartingWith("evidence.json.gz: truncated or corrupt gzip data");
    }

    @Test
    void shouldReadAGzipArrayOfFindingsWithTheSkimmerAsACompressedOcsfFile() throws IOException {
        String finding = new String(fixture("ocsf-scan-activity.json"), StandardCharsets.UTF_8);
        byte[] array = ("[" + finding + "," + finding + "]").getBytes(StandardCharsets.UTF_8);
        byte[] gz = gzip(array);
        int[] opened = {0};

        EvidenceSummary summary = strict.read("scans.json.gz", () -> {
            opened[0]++;
            return new ByteArrayInputStream(gz);
        });

        assertThat(opened[0]).as("read once: the skimmer vouched for it").isEqualTo(1);
        assertThat(summary.format()).isEqualTo(EvidenceFormat.OCSF_JSON);
        assertThat(summary.compressed()).isTrue();
        assertThat(summary.records()).isEqualTo(2);
        EvidenceSummary plain = strict.read("scans.json", source(array));
        assertThat(summary.results()).isEqualTo(plain.results()).isNotEmpty();
        assertThat(summary.policyRules()).isEqualTo(plain.policyRules());
    }

    @Test
    void shouldRefuseATruncatedGzipArrayWithTheGzipMessage() throws IOException {
        String finding = new String(fixture("ocsf-scan-activity.json"), StandardCharsets.UTF_8);
        byte[] gz = gzip(("[" + (finding + ",").repeat(50) + finding + "]").getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(gz, gz.length / 2);

        assertThatThrownBy(() -> strict.read("scans.json.gz", source(truncated)))
                .isInstanceOf(InvalidEvidenceException.class)
                .hasMessageStartingWith("scans.json.gz: truncated or corrupt gzip data");
    }

    @Test
    void shouldRefuseEmptyFile() {
        assertThatThrownBy(() -> strict.read("empty.json", source(new byte[0])))
                .isInstanceOf(InvalidEvidenceException.class)
                .hasMessage("empty.json: the file is empty");
    }

    @Test
    void shouldRefuseNonComplyBeaconJsonUnlessOpaqueAllowed() throws IOException {
        byte[] packageJson = "{\"name\": \"left-pad\", \"version\": \"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> strict.read("package.json", source(packageJson)))
                .isInstanceOf(InvalidEvidenceException.class)
                .hasMessageContaining("package.json: JSON, but neither OTLP logs (no resourceLogs) nor OCSF (no class_uid)")
                .hasMessageContaining("enable opaque evidence");
        assertThat(new EvidenceReader(true).read("package.json", source(packageJson)).format())
                .isEqualTo(EvidenceFormat.OPAQUE);
    }

    @Test
    void shouldRefuseBinaryAndTextFilesUnlessOpaqueAllowed() throws IOException {
        byte[] pdf = "%PDF-1.7 binary".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> strict.read("report.pdf", source(pdf)))
                .hasMessageStartingWith("report.pdf: not JSON (starts with '%')");
        assertThat(new EvidenceReader(true).read("report.pdf", source(pdf)).format()).isEqualTo(EvidenceFormat.OPAQUE);
    }

    @Test
    void shouldRefuseMalformedJsonEvenWhenOpaqueAllowed() {
        byte[] broken = "{\"resourceLogs\": [".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new EvidenceReader(true).read("cut.json", source(broken)))
                .isInstanceOf(InvalidEvidenceException.class)
                .hasMessageStartingWith("cut.json: malformed JSON at line 1");
    }

    @Test
    void shouldRefuseOtlpTracesAsNotEvidence() {
        byte[] traces = "{\"resourceSpans\": []}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> strict.read("traces.json", source(traces)))
                .hasMessage("traces.json: an OTLP export of resourceSpans, not logs; ComplyBeacon evidence is OTLP logs");
    }

    @Test
    void shouldReadAttributesWhoseValueComesBeforeItsKey() throws IOException {
        String json = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"stringValue\":\"x\"},"
                + "\"attributes\":[{\"value\":{\"stringValue\":\"CC6.1\"},\"key\":\"compliance.control.id\"}]}]}]}]}";

        EvidenceSummary summary = strict.read("a.json", source(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(summary.controls()).containsExactly("CC6.1");
        assertThat(summary.records()).isEqualTo(1);
    }

    @Test
    void shouldReadAFileThatStartsWithAByteOrderMark() throws IOException {
        byte[] finding = fixture("ocsf-scan-activity.json");
        byte[] withBom = new byte[finding.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(finding, 0, withBom, 3, finding.length);

        assertThat(strict.read("scan.json", source(withBom)).format()).isEqualTo(EvidenceFormat.OCSF_JSON);
    }

    @Test
    void shouldRefuseTwoDocumentsOnOneLine() {
        String line = compact(fixture("ocsf-scan-activity.json"));
        byte[] jsonl = (line + "\n" + line + " " + line + "\n").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> strict.read("findings.jsonl", source(jsonl)))
                .isInstanceOf(InvalidEvidenceException.class)
                .hasMessage("findings.jsonl: line 2: more than one JSON document on one line");
    }

    @Test
    void shouldRefuseAPrettyPrintedDocumentAmongJsonLines() {
        String line = compact(fixture("ocsf-scan-activity.json"));
        byte[] mixed = (line + "\n{\"class_uid\": 6007,\n \"status\": \"Failed\"}\n").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> strict.read("findings.jsonl", source(mixed)))
                .isInstanceOf(InvalidEvidenceException.class)
                .hasMessageStartingWith("findings.jsonl: lines 2-3: a document spans several lines");
    }

    @Test
    void shouldRefuseJsonLinesThatMixOtlpAndOcsf() {
        String otlp = compact(fixture("otlp-logs.json"));
        String ocsf = compact(fixture("ocsf-scan-activity.json"));
        byte[] mixed = (otlp + "\n" + ocsf + "\n").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> strict.read("mixed.jsonl", source(mixed)))
                .hasMessage("mixed.jsonl: line 2: mixes OCSF with OTLP logs in one JSON Lines file");
    }

    @Test
    void shouldTreatLatin1TextAsNotUtf8() throws IOException {
        byte[] latin1 = "{\"class_uid\": 6007, \"message\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> strict.read("latin1.json", source(latin1)))
                .isInstanceOf(InvalidEvidenceException.class)
                .hasMessageStartingWith("latin1.json: not UTF-8 text");
        assertThat(new EvidenceReader(true).read("latin1.json", source(latin1)).format()).isEqualTo(EvidenceFormat.OPAQUE);
    }

    @Test
    void shouldTreatUtf16AsNotUtf8() {
        byte[] utf16 = "{\"class_uid\": 6007}".getBytes(StandardCharsets.UTF_16LE);

        assertThatThrownBy(() -> strict.read("wide.json", source(utf16)))
                .hasMessageStartingWith("wide.json: not UTF-8 text (UTF-16 or UTF-32)");
    }

    @Test
    void shouldRefuseJsonExtensionsThatStrictJsonForbids() {
        byte[] trailingComma = "{\"class_uid\": 6007, \"status\": \"Failed\",}".getBytes(StandardCharsets.UTF_8);
        byte[] comment = "{\"class_uid\": 6007 /* scanner */}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> strict.read("comma.json", source(trailingComma)))
                .hasMessageStartingWith("comma.json: malformed JSON at line 1, column ");
        assertThatThrownBy(() -> strict.read("comment.json", source(comment)))
                .hasMessageStartingWith("comment.json: malformed JSON at line 1, column ");
    }

    @Test
    void shouldReadTheWholeFileSoItsHashComesFromTheSamePass() throws IOException {
        byte[] finding = fixture("ocsf-scan-activity.json");
        int[] consumed = {0};
        InputSource counting = () -> new java.io.FilterInputStream(new ByteArrayInputStream(finding)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                consumed[0] += Math.max(n, 0);
                return n;
            }
        };

        strict.read("scan.json", counting);

        assertThat(consumed[0]).isEqualTo(finding.length);
    }

    static byte[] fixture(String name) {
        try (InputStream in = EvidenceReaderTest.class.getResourceAsStream("/complybeacon/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static String compact(byte[] json) {
        return com.google.gson.JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).toString();
    }

    private static InputSource source(byte[] bytes) {
        return () -> new ByteArrayInputStream(bytes);
    }
}
