package io.evidencesync.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The skimmer vouches for an array of OCSF findings only when the parser would accept it, and then with the summary
 * the parser gives. The parser (Jackson, read as the whole read does) is the reference throughout.
 */
class FindingSkimmerTest {
    private static final String FINDING = "{\"class_uid\":2003,\"status\":\"failure\",\"policy\":{\"uid\":\"r1\","
            + "\"name\":\"Rule one\"},\"compliance\":{\"control\":\"AC-2\",\"standards\":[\"NIST\"],\"status\":\"Fail\"},"
            + "\"message\":\"x\"}";

    @Test
    void shouldGiveTheParsersSummaryForAnArrayOfFindings() throws IOException {
        String json = "[" + FINDING + ",\n " + FINDING.replace("AC-2", "AC-3").replace("failure", "success") + "]";

        SummaryCollector skimmed = skim(json);

        assertThat(skimmed).isNotNull();
        EvidenceSummary summary = skimmed.summary(EvidenceFormat.OCSF_JSON, false);
        assertThat(summary).isEqualTo(parsed(json));
        assertThat(summary.records()).isEqualTo(2);
        assertThat(summary.controls()).containsExactly("AC-2", "AC-3");
        assertThat(summary.results()).containsEntry("failure", 1L).containsEntry("success", 1L);
    }

    @Test
    void shouldReadComplyBeaconsOcsfFindingAsTheParserDoes() throws IOException {
        String finding = new String(EvidenceReaderTest.fixture("ocsf-scan-activity.json"), StandardCharsets.UTF_8);
        String json = "[\n" + finding + ",\n" + finding + "\n]\n";

        SummaryCollector skimmed = skim(json);

        assertThat(skimmed).isNotNull();
        assertThat(skimmed.summary(EvidenceFormat.OCSF_JSON, false)).isEqualTo(parsed(json));
        assertThat(skimmed.summary(EvidenceFormat.OCSF_JSON, false).records()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[{\"class_uid\":1,}]", // trailing comma in an object
        "[{\"class_uid\":1},]", // trailing comma in the array
        "[{\"class_uid\":01}]", // leading zero
        "[{\"class_uid\":1,\"a\":-}]",
        "[{\"class_uid\":1,\"a\":1.}]",
        "[{\"class_uid\":1,\"a\":.5}]",
        "[{\"class_uid\":1,\"a\":1e}]",
        "[{\"class_uid\":1,\"a\":NaN}]",
        "[{\"class_uid\":1,\"a\":tru}]",
        "[{\"class_uid\":1,\"a\":truex}]",
        "[{\"class_uid\":1,\"a\":'x'}]",
        "[{class_uid:1}]",
        "[{\"class_uid\" 1}]",
        "[{\"class_uid\":1} /* c */]",
        "[{\"class_uid\":1,\"a\":\"\\x\"}]", // unknown escape
        "[{\"class_uid\":1,\"a\":\"\\u12G4\"}]",
        "[{\"class_uid\":1,\"a\":\"tab\there\"}]", // a raw control character in a string
        "[{\"class_uid\":1}",
        "[{\"class_uid\":1}] [{\"class_uid\":2}]", // a second document
        "[{\"class_uid\":1}]\n{\"class_uid\":2}",
        "[{\"class_uid\":1},2]", // an element that is not an object
        "[{\"class_uid\":\"1\"}]", // not OCSF: class_uid is not a number
        "[{\"status\":\"x\"}]",
        "{\"class_uid\":1}", // one finding, not an array: the parser reads it
        ""
    })
    void shouldNotVouchForAnythingButAnArrayOfFindingsThatTheParserAccepts(String json) throws IOException {
        assertThat(skim(json)).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x80, 0xC0, 0xC1, 0xF5, 0xFF})
    void shouldNotVouchForAByteThatCannotStartUtf8(int lead) throws IOException {
        byte[] json = bytes("[{\"class_uid\":1,\"a\":\"x?y\"}]");
        json[json.length - 5] = (byte) lead;

        assertThat(FindingSkimmer.read(new ByteArrayInputStream(json))).isNull();
    }

    @Test
    void shouldNotVouchForOverlongFormsSurrogatesOrTruncatedSequences() throws IOException {
        for (byte[] sequence : new byte[][] {{(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0,
                (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}}) {
            byte[] head = bytes("[{\"class_uid\":1,\"a\":\"");
            byte[] tail = bytes("\"}]");
            byte[] json = new byte[head.length + sequence.length + tail.length];
            System.arraycopy(head, 0, json, 0, head.length);
            System.arraycopy(sequence, 0, json, head.length, sequence.length);
            System.arraycopy(tail, 0, json, head.length + sequence.length, tail.length);

            assertThat(FindingSkimmer.read(new ByteArrayInputStream(json))).isNull();
        }
    }

    @Test
    void shouldReadEscapedNamesAndStringsThroughTheParser() throws IOException {
        String json = "[{\"class_uid\":1,\"st\\u0061tus\":\"fail\\u00e9d\",\"compliance\":{\"c\\u006fntrol\":\"A\\/1\"},"
                + "\"policy\":{\"uid\":\"p\\n1\"}}]";

        EvidenceSummary summary = skim(json).summary(EvidenceFormat.OCSF_JSON, false);

        assertThat(summary).isEqualTo(parsed(json));
        assertThat(summary.results()).containsOnlyKeys("failéd");
        assertThat(summary.controls()).containsExactly("A/1");
        assertThat(summary.policyRules()).containsExactly("p\n1");
    }

    @Test
    void shouldReadValuesAsTheParserDoesWhateverTheirShape() throws IOException {
        String json = "[{\"class_uid\":-1.5e3,\"status\":7,\"policy\":{\"uid\":[\"a\",{\"name\":\"b\"},3],\"uid\":\"c\"},"
                + "\"compliance\":{\"control\":[{\"uid\":null,\"name\":\"X\"},{\"name\":\"N\",\"uid\":\"U\"},true,1E+2],"
                + "\"requirements\":\"R-1,R-2\",\"standards\":{\"name\":\"S\"},\"status\":null},"
                + "\"compliance\":{\"control\":\"LAST\"},\"status\":\"éte\"}]";

        EvidenceSummary summary = skim(json).summary(EvidenceFormat.OCSF_JSON, false);

        assertThat(summary).isEqualTo(parsed(json));
        assertThat(summary.controls()).containsExactly("LAST");
        assertThat(summary.policyRules()).containsExactly("3", "a", "b", "c");
        assertThat(summary.results()).containsOnlyKeys("éte");
    }

    @Test
    void shouldReadAFindingLargerThanItsBuffer() throws IOException {
        String json = "[" + FINDING.replace("\"x\"", "\"" + "y".repeat(300_000) + "\"") + "," + FINDING + "]";

        SummaryCollector skimmed = skim(json);

        assertThat(skimmed.summary(EvidenceFormat.OCSF_JSON, false)).isEqualTo(parsed(json));
    }

    @Test
    void shouldLeaveAByteOrderMarkToTheParser() throws IOException {
        String json = "\uFEFF[{\"class_uid\":1}]";

        assertThat(skim(json)).isNull();
        assertThat(new EvidenceReader(false).read("bom.json", () -> new ByteArrayInputStream(bytes(json))).records())
                .isEqualTo(1);
    }

    @Test
    void shouldLeaveToTheParserWhatIsNestedDeeperThanItsLimit() throws IOException {
        String deep = "[".repeat(JsonBytes.MAX_DEPTH) + "]".repeat(JsonBytes.MAX_DEPTH);
        String json = "[{\"class_uid\":1,\"a\":" + deep + "}]";

        assertThat(skim(json)).isNull();
        assertThat(parsed(json).records()).isEqualTo(1); // accepted all the same, by the whole read
        assertThat(new EvidenceReader(false).read("deep.json", () -> new ByteArrayInputStream(bytes(json))))
                .isEqualTo(parsed(json));
    }

    /**
     * Random arrays of findings, many of them damaged, fed in random small chunks: whenever the skimmer answers, the
     * parser accepts the same bytes with the same summary, and when the parser accepts them, the skimmer answers.
     */
    @Test
    void shouldAgreeWithTheParserOnRandomAndDamagedArrays() throws IOException {
        Random random = new Random(20261128);
        int vouched = 0;
        int refused = 0;
        for (int i = 0; i < 4000; i++) {
            byte[] json = bytes(new RandomFindings(random).array());
            if (random.nextInt(3) > 0) {
                json = damage(json, random);
            }
            EvidenceSummary reference = parsedOrNull(json);
            SummaryCollector skimmed = FindingSkimmer.read(new Trickle(json, random));
            String context = "case " + i + ": " + new String(json, StandardCharsets.UTF_8);
            if (skimmed == null) {
                refused++;
                if (reference != null && withinLimits(json)) {
                    assertThat(reference).as(context).isNull(); // the parser accepts what the skimmer would not
                }
            } else {
                vouched++;
                assertThat(skimmed.summary(EvidenceFormat.OCSF_JSON, false)).as(context).isEqualTo(reference);
            }
        }
        assertThat(vouched).isGreaterThan(1000);
        assertThat(refused).isGreaterThan(1000);
    }

    private static SummaryCollector skim(String json) throws IOException {
        return FindingSkimmer.read(new ByteArrayInputStream(bytes(json)));
    }

    private static EvidenceSummary parsed(String json) throws IOException {
        EvidenceSummary summary = parsedOrNull(bytes(json));
        assertThat(summary).as("the parser's reading of " + json).isNotNull();
        return summary;
    }

    /** The whole read's answer for one document that is an array: its summary, or null when it refuses it. */
    private static EvidenceSummary parsedOrNull(byte[] json) throws IOException {
        SummaryCollector collector = new SummaryCollector();
        try (JsonParser parser = EvidenceReader.json().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY
                    || new DocumentScanner(collector).scan(parser) != DocumentScanner.Kind.OCSF
                    || parser.nextToken() != null) {
                return null;
            }
            return collector.summary(EvidenceFormat.OCSF_JSON, false);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Whether the bytes stay within the limits below which the skimmer must answer (it is told so by a BOM too). */
    private static boolean withinLimits(byte[] json) {
        return json.length > 0 && json[0] != (byte) 0xEF;
    }

    private static byte[] damage(byte[] json, Random random) {
        byte[] noise = {',', ']', '}', '{', '[', '"', '\\', ':', ' ', '0', '-', 'e', '.', 'a', 'u', 0, 0x1f, 0x09,
            (byte) 0x80, (byte) 0xC3, (byte) 0xED, (byte) 0xF0, (byte) 0xF5};
        List<Byte> bytes = new ArrayList<>();
        for (byte b : json) {
            bytes.add(b);
        }
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes && !bytes.isEmpty(); c++) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(4)) {
                case 0 -> bytes.remove(at);
                case 1 -> bytes.add(at, noise[random.nextInt(noise.length)]);
                case 2 -> bytes.set(at, noise[random.nextInt(noise.length)]);
                default -> bytes.subList(at, bytes.size()).clear();
            }
        }
        byte[] damaged = new byte[bytes.size()];
        for (int i = 0; i < damaged.length; i++) {
            damaged[i] = bytes.get(i);
        }
        return damaged;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Hands out the bytes a few at a time, as a slow stream might: every read of more may end anywhere. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final Random random;
        private int at;

        Trickle(byte[] bytes, Random random) {
            this.bytes = bytes;
            this.random = random;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (at >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, 1 + random.nextInt(64)), bytes.length - at);
            System.arraycopy(bytes, at, into, offset, n);
            at += n;
            return n;
        }
    }

    /** Arrays of findings whose members vary in order, shape, escapes, white space and encoding. */
    private static final class RandomFindings {
        private static final String[] NAMES = {"class_uid", "policy", "status", "compliance", "message", "metadata",
            "st\\u0061tus", "uid", "name", "control", "requirements", "standards", "c\\u006fntrol"};
        private static final String[] TEXTS = {"", "a", "AC-2", "Fail", "success", "p,q", " x ", "é", "😀", "\\\"",
            "\\\\", "\\/", "\\n", "\\u00e9", "\\ud83d\\ude00", "tab\\t", "R-1, R-2"};
        private static final String[] NUMBERS = {"0", "-0", "7", "-12", "3.25", "1e5", "2E-3", "-0.0e+0", "6007"};
        private final Random random;
        private final StringBuilder out = new StringBuilder();

        RandomFindings(Random random) {
            this.random = random;
        }

        String array() {
            out.append('[');
            int count = random.nextInt(5);
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    out.append(',');
                }
                space();
                finding();
                space();
            }
            out.append(']');
            return out.toString();
        }

        private void finding() {
            out.append('{');
            int members = random.nextInt(7);
            boolean ocsf = random.nextInt(8) > 0;
            for (int i = 0; i < members || (ocsf && i == 0); i++) {
                if (i > 0) {
                    out.append(',');
                }
                space();
                String name = ocsf && i == 0 ? "class_uid" : NAMES[random.nextInt(NAMES.length)];
                out.append('"').append(name).append('"');
                space();
                out.append(':');
                space();
                if (name.equals("class_uid") && ocsf) {
                    out.append(NUMBERS[random.nextInt(NUMBERS.length)]);
                } else {
                    value(0);
                }
                space();
            }
            out.append('}');
        }

        private void value(int depth) {
            int kind = random.nextInt(depth > 3 ? 5 : 8);
            switch (kind) {
                case 0, 1 -> out.append('"').append(TEXTS[random.nextInt(TEXTS.length)]).append('"');
                case 2 -> out.append(NUMBERS[random.nextInt(NUMBERS.length)]);
                case 3 -> out.append(random.nextBoolean() ? "true" : "false");
                case 4 -> out.append("null");
                case 5 -> {
                    out.append('[');
                    int n = random.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        space();
                        value(depth + 1);
                    }
                    out.append(']');
                }
                default -> {
                    out.append('{');
                    int n = random.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        out.append('"').append(NAMES[random.nextInt(NAMES.length)]).append("\":");
                        space();
                        value(depth + 1);
                    }
                    out.append('}');
                }
            }
        }

        private void space() {
            int n = random.nextInt(6) == 0 ? random.nextInt(3) : 0;
            for (int i = 0; i < n; i++) {
                out.append(" \n\r\t".charAt(random.nextInt(4)));
            }
        }
    }
}
