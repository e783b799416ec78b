package io.evidencesync.core.evidence;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads one evidence file and says what it is: gzip is detected by its magic bytes (never by the name), then the
 * content must be OTLP-JSON logs (one document or JSON Lines) or OCSF JSON (an object, an array, or JSON Lines).
 * Anything else is refused with a message naming the file and the position, unless opaque evidence is allowed,
 * in which case a non-JSON, non-UTF-8 or unrecognised file is accepted unparsed. Malformed JSON is refused either
 * way. The file is read as bytes, by a strict streaming parser: memory does not grow with its size. A JSON array
 * of OCSF findings (gzip or not) is first read by {@link FindingSkimmer}, which checks every byte and reads only the
 * members the summary needs; when it cannot vouch for the file, the parser reads the file again from its start.
 *
 * <pre>
 * EvidenceSummary summary = new EvidenceReader(false).read("reports/scan.json", InputSource.of(path));
 * </pre>
 */
public final class EvidenceReader {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int BUFFER = 64 * 1024;
    private static final String OPAQUE_HINT =
            "; ComplyBeacon evidence is OTLP-JSON logs or OCSF JSON (enable opaque evidence to publish other files)";
    /**
     * Strict JSON (no comments, trailing commas, NaN or single quotes); several root values make JSON Lines. Made on
     * first use: an array of findings that the skimmer vouches for alone never loads the parser's classes.
     */
    static JsonFactory json() {
        return Json.FACTORY;
    }

    private static final class Json {
        static final JsonFactory FACTORY = JsonFactory.builder().build();
    }

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
        InputStream raw = new BufferedInputStream(source.open(), BUFFER);
        return isGzip(raw) ? new GZIPInputStream(raw, BUFFER) : raw;
    }

    /**
     * Reads the file.
     *
     * @param name   the name used in messages (the path relative to the evidence base directory, or the S3 key)
     * @param source opens the raw bytes; read once, to the end when the file is accepted (a JSON array that
     *               {@link FindingSkimmer} cannot vouch for is read a second time, by the parser)
     * @throws InvalidEvidenceException when the file is not acceptable evidence
     * @throws IOException              when the bytes cannot be read
     */
    public EvidenceSummary read(String name, InputSource source) throws IOException {
        EvidenceSummary skimmed = read(name, source, true);
        return skimmed != null ? skimmed : read(name, source, false);
    }

    /**
     * One pass over the file. With {@code skim}, a JSON array is read by {@link FindingSkimmer}, and null means that
     * it could not vouch for the file, which must then be read again without.
     */
    private EvidenceSummary read(String name, InputSource source, boolean skim) throws IOException {
        try (InputStream raw = new BufferedInputStream(source.open(), BUFFER)) {
            boolean compressed = isGzip(raw);
            try {
                InputStream text = compressed ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER) : raw;
                return readText(name, text, compressed, skim);
            } catch (ZipException | EOFException e) {
                if (compressed) {
                    throw new InvalidEvidenceException(name, "truncated or corrupt gzip data (" + e.getMessage() + ")", e);
                }
                throw new InvalidEvidenceException(name, "unexpected end of file (" + e.getMessage() + ")", e);
            }
        }
    }

    /**
     * Reads a large file as {@link #read(String, InputSource)} does, with the same result and the same messages, but
     * an uncompressed JSON array of OCSF findings (a scanner's usual output) is read in two halves at once, the
     * second on {@code beside}: with two cores free, in about half the time. Any other file is read from its start.
     *
     * @param beside runs the second half; when it has not started it by the time the first half is read, this
     *               thread reads it
     */
    public EvidenceSummary read(String name, Path file, Executor beside) throws IOException {
        SummaryCollector halves = ArrayHalves.read(file, Files.size(file), beside);
        if (halves != null) {
            return halves.summary(EvidenceFormat.OCSF_JSON, false);
        }
        return read(name, InputSource.of(file), false);
    }

    private EvidenceSummary readText(String name, InputStream text, boolean compressed, boolean skim)
            throws IOException {
        int first = firstSignificantByte(text);
        if (first == -1) {
            throw new InvalidEvidenceException(name, "the file is empty");
        }
        if (first != '{' && first != '[') {
            String what = first >= 0x80 ? "not UTF-8 text" : "not JSON (starts with '" + printable(first) + "')";
            return refuseOrOpaque(name, compressed, what);
        }
        if (secondByteIsZero(text)) {
            return refuseOrOpaque(name, compressed, "not UTF-8 text (UTF-16 or UTF-32)");
        }
        if (skim && first == '[') {
            SummaryCollector skimmed = FindingSkimmer.read(text);
            return skimmed == null ? null : skimmed.summary(EvidenceFormat.OCSF_JSON, compressed);
        }
        try (JsonParser parser = json().createParser(text)) {
            return readDocuments(name, parser, compressed);
        } catch (JsonProcessingException e) {
            if (JsonErrors.isEncodingError(e)) {
                return refuseOrOpaque(name, compressed, "not UTF-8 text (" + JsonErrors.describe(e) + ")");
            }
            throw new InvalidEvidenceException(name, JsonErrors.describe(e), e);
        }
    }

    /**
     * One document, or JSON Lines: several documents, each on a line of its own, all of one kind. The parser
     * reads root values one after another; their line numbers tell the two apart.
     */
    private EvidenceSummary readDocuments(String name, JsonParser parser, boolean compressed) throws IOException {
        SummaryCollector collector = new SummaryCollector();
        DocumentScanner scanner = new DocumentScanner(collector);
        DocumentScanner.Kind kind = null;
        int documents = 0;
        int firstStartLine = 0;
        int firstEndLine = 0;
        int previousEndLine = 0;
        while (parser.nextToken() != null) {
            int startLine = parser.currentTokenLocation().getLineNr();
            if (documents > 0 && startLine == previousEndLine) {
                throw new InvalidEvidenceException(name, "line " + startLine + ": more than one JSON document on one line");
            }
            DocumentScanner.Kind documentKind = scan(name, scanner, parser);
            int endLine = parser.currentLocation().getLineNr();
            documents++;
            if (documents == 1) {
                firstStartLine = startLine;
                firstEndLine = endLine;
            } else {
                requireOneLine(name, firstStartLine, firstEndLine);
                requireOneLine(name, startLine, endLine);
                if (documentKind != kind) {
                    throw new InvalidEvidenceException(name, "line " + startLine + ": mixes " + describe(documentKind)
                            + " with " + describe(kind) + " in one JSON Lines file");
                }
            }
            kind = documentKind;
            previousEndLine = endLine;
        }
        return finish(name, compressed, kind, documents > 1, collector);
    }

    private static DocumentScanner.Kind scan(String name, DocumentScanner scanner, JsonParser parser) throws IOException {
        try {
            return scanner.scan(parser);
        } catch (DocumentScanner.UnsupportedSignalException e) {
            throw new InvalidEvidenceException(name, "an OTLP export of " + e.getMessage()
                    + ", not logs; ComplyBeacon evidence is OTLP logs");
        }
    }

    private static void requireOneLine(String name, int startLine, int endLine) {
        if (startLine != endLine) {
            throw new InvalidEvidenceException(name, "lines " + startLine + "-" + endLine + ": a document spans several"
                    + " lines in a file of several documents; JSON Lines needs each document on one line");
        }
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

    private EvidenceSummary refuseOrOpaque(String name, boolean compressed, String what) {
        if (allowOpaque) {
            return EvidenceSummary.opaque(compressed);
        }
        throw new InvalidEvidenceException(name, what + OPAQUE_HINT);
    }

    /**
     * Skips a UTF-8 byte-order mark and white space; returns the first significant byte, left unread, or -1. The
     * stream must support mark/reset.
     */
    static int firstSignificantByte(InputStream in) throws IOException {
        skipByteOrderMark(in);
        while (true) {
            in.mark(1);
            int b = in.read();
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                in.reset();
                return b;
            }
        }
    }

    private static void skipByteOrderMark(InputStream in) throws IOException {
        in.mark(3);
        if (in.read() != 0xEF || in.read() != 0xBB || in.read() != 0xBF) {
            in.reset();
        }
    }

    /** {@code {\0} or {@code [\0}: UTF-16LE or UTF-32LE, which the parser would otherwise decode silently. */
    static boolean secondByteIsZero(InputStream in) throws IOException {
        in.mark(2);
        in.read();
        int second = in.read();
        in.reset();
        return second == 0;
    }

    private static String printable(int c) {
        return c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\u%04x", c);
    }

    private static String describe(DocumentScanner.Kind kind) {
        return kind == DocumentScanner.Kind.OTLP_LOGS ? "OTLP logs" : kind == DocumentScanner.Kind.OCSF ? "OCSF" : "other JSON";
    }
}
