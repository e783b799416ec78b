package io.evidencesync.core.evidence;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

/**
 * Reads one evidence file and says what it is: gzip is detected by its magic bytes (never by the name), then the
 * content must be OTLP-JSON logs (one document or JSON Lines) or OCSF JSON (an object, an array, or JSON Lines).
 * Anything else is refused with a message naming the file and the position, unless opaque evidence is allowed,
 * in which case a non-JSON or unrecognised file is accepted unparsed. Malformed JSON is refused either way.
 *
 * <pre>
 * EvidenceSummary summary = new EvidenceReader(false).read("reports/scan.json", InputSource.of(path));
 * </pre>
 */
public final class EvidenceReader {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final String OPAQUE_HINT =
            "; ComplyBeacon evidence is OTLP-JSON logs or OCSF JSON (enable opaque evidence to publish other files)";

    private final boolean allowOpaque;

    public EvidenceReader(boolean allowOpaque) {
        this.allowOpaque = allowOpaque;
    }

    /** True when the stream starts with the gzip magic bytes. The stream must support mark/reset. */
    public static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
    }

    /** Opens the source, transparently decompressing gzip (detected by magic bytes). */
    public static InputStream openDecoded(InputSource source) throws IOException {
        InputStream raw = new BufferedInputStream(source.open(), 64 * 1024);
        return isGzip(raw) ? new GZIPInputStream(raw, 64 * 1024) : raw;
    }

    /**
     * Reads the file.
     *
     * @param name   the name used in messages (the path relative to the evidence base directory, or the S3 key)
     * @param source opens the raw bytes; called up to twice
     * @throws InvalidEvidenceException when the file is not acceptable evidence
     * @throws IOException              when the bytes cannot be read
     */
    public EvidenceSummary read(String name, InputSource source) throws IOException {
        boolean compressed;
        try (InputStream raw = new BufferedInputStream(source.open())) {
            compressed = isGzip(raw);
        }
        try {
            return readDecoded(name, source, compressed);
        } catch (ZipException | EOFException e) {
            if (compressed) {
                throw new InvalidEvidenceException(name, "truncated or corrupt gzip data (" + e.getMessage() + ")", e);
            }
            throw new InvalidEvidenceException(name, "unexpected end of file (" + e.getMessage() + ")", e);
        } catch (CharacterCodingException e) {
            return refuseOrOpaque(name, compressed, "not UTF-8 text");
        }
    }

    private EvidenceSummary readDecoded(String name, InputSource source, boolean compressed) throws IOException {
        try (PushbackReader reader = openText(source)) {
            int first = firstSignificantChar(reader);
            if (first == -1) {
                throw new InvalidEvidenceException(name, "the file is empty");
            }
            if (first != '{' && first != '[') {
                return refuseOrOpaque(name, compressed, "not JSON (starts with '" + printable(first) + "')");
            }
            SummaryCollector collector = new SummaryCollector();
            JsonReader json = strictReader(reader);
            DocumentScanner.Kind kind = scanGuarded(name, json, collector, 0);
            if (moreAfterValue(json)) {
                return readLines(name, source, compressed);
            }
            return finish(name, compressed, kind, false, collector);
        }
    }

    /** JSON Lines: each non-blank line is one complete document. */
    private EvidenceSummary readLines(String name, InputSource source, boolean compressed) throws IOException {
        SummaryCollector collector = new SummaryCollector();
        DocumentScanner.Kind kind = null;
        try (PushbackReader reader = openText(source)) {
            LineReader lines = new LineReader(reader);
            int lineNumber = 0;
            while (lines.nextLine()) {
                lineNumber++;
                if (!lines.isBlank()) {
                    JsonReader json = strictReader(lines);
                    DocumentScanner.Kind lineKind = scanGuarded(name, json, collector, lineNumber);
                    if (moreAfterValue(json)) {
                        throw new InvalidEvidenceException(name, "line " + lineNumber
                                + ": more than one JSON document on one line");
                    }
                    if (kind != null && kind != lineKind) {
                        throw new InvalidEvidenceException(name, "line " + lineNumber + ": mixes " + describe(lineKind)
                                + " with " + describe(kind) + " in one JSON Lines file");
                    }
                    kind = lineKind;
                }
                lines.skipRestOfLine();
            }
        }
        return finish(name, compressed, kind, true, collector);
    }

    private EvidenceSummary finish(String name, boolean compressed, DocumentScanner.Kind kind, boolean jsonLines,
                                   SummaryCollector collector) {
        if (kind == DocumentScanner.Kind.OTLP_LOGS) {
            return collector.summary(jsonLines ? EvidenceFormat.OTLP_JSONL : EvidenceFormat.OTLP_JSON, compressed);
        }
        if (kind == DocumentScanner.Kind.OCSF) {
            return collector.summary(jsonLines ? EvidenceFormat.OCSF_JSONL : EvidenceFormat.OCSF_JSON, compressed);
        }
        return refuseOrOpaque(name, compressed, "JSON, but neither OTLP logs (no resourceLogs) nor OCSF (no class_uid)");
    }

    private DocumentScanner.Kind scanGuarded(String name, JsonReader json, SummaryCollector collector, int line)
            throws IOException {
        try {
            return new DocumentScanner(collector).scan(json);
        } catch (DocumentScanner.UnsupportedSignalException e) {
            throw new InvalidEvidenceException(name, "an OTLP export of " + e.getMessage()
                    + ", not logs; ComplyBeacon evidence is OTLP logs");
        } catch (MalformedJsonException | IllegalStateException | JsonParseException | NumberFormatException e) {
            throw new InvalidEvidenceException(name, JsonErrors.describe(e, line), e);
        } catch (EOFException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("End of input")) {
                throw new InvalidEvidenceException(name, JsonErrors.describe(e, line), e);
            }
            throw e; // the gzip stream ended early: reported by read()
        }
    }

    private EvidenceSummary refuseOrOpaque(String name, boolean compressed, String what) {
        if (allowOpaque) {
            return EvidenceSummary.opaque(compressed);
        }
        throw new InvalidEvidenceException(name, what + OPAQUE_HINT);
    }

    private static PushbackReader openText(InputSource source) throws IOException {
        InputStream decoded = openDecoded(source);
        Reader text = new InputStreamReader(decoded, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        return new PushbackReader(text, LineReader.PUSHBACK);
    }

    private static JsonReader strictReader(Reader reader) {
        JsonReader json = new JsonReader(reader);
        json.setStrictness(Strictness.STRICT);
        return json;
    }

    /** After a complete value: true when anything but white space follows (a strict reader refuses to read it). */
    private static boolean moreAfterValue(JsonReader json) throws IOException {
        try {
            return json.peek() != JsonToken.END_DOCUMENT;
        } catch (MalformedJsonException e) {
            return true;
        }
    }

    /** Skips a byte-order mark and white space, then pushes the first significant character back. */
    private static int firstSignificantChar(PushbackReader reader) throws IOException {
        int c = reader.read();
        while (c == '\uFEFF' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            c = reader.read();
        }
        if (c != -1) {
            reader.unread(c);
        }
        return c;
    }

    private static String printable(int c) {
        return c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\u%04x", c);
    }

    private static String describe(DocumentScanner.Kind kind) {
        return kind == DocumentScanner.Kind.OTLP_LOGS ? "OTLP logs" : kind == DocumentScanner.Kind.OCSF ? "OCSF" : "other JSON";
    }
}
