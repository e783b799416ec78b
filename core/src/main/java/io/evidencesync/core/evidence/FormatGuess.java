package io.evidencesync.core.evidence;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * What a file's first 64 KB suggest its format is, so that a large file's upload can start (with the metadata this
 * guess implies) while the file is still being validated. Only a guess: {@link EvidenceReader#read} has the last
 * word, and an upload started on a wrong guess is discarded.
 *
 * <ul>
 *   <li>{@code [} first: an array of OCSF findings ({@link EvidenceFormat#OCSF_JSON}).</li>
 *   <li>{@code {} first: OTLP logs or OCSF, whichever of {@code "resourceLogs"} and {@code "class_uid"} appears
 *   first; JSON Lines when a later line starts with <code>{</code>. No guess when the head is one unfinished line
 *   (a minified document, or JSON Lines whose lines are longer than the head).</li>
 *   <li>anything else: no guess (opaque or refused files are not worth the risk).</li>
 * </ul>
 *
 * @param format     the guessed format
 * @param compressed true when the file starts with the gzip magic bytes (this part is certain)
 */
public record FormatGuess(EvidenceFormat format, boolean compressed) {
    private static final int HEAD = 64 * 1024;

    /** The guess for the file, or null when its head does not look like ComplyBeacon evidence. */
    public static FormatGuess of(InputSource source) throws IOException {
        boolean compressed;
        byte[] head;
        try (InputStream raw = new BufferedInputStream(source.open(), HEAD)) {
            compressed = EvidenceReader.isGzip(raw);
            head = compressed ? gunzipHead(raw) : significantHead(raw);
        } catch (ZipException | EOFException e) {
            return null; // the parse will say what is wrong with it
        }
        if (head.length == 0) {
            return null;
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (text.charAt(0) == '[') {
            return new FormatGuess(EvidenceFormat.OCSF_JSON, compressed);
        }
        if (text.charAt(0) != '{' || (head.length == HEAD && text.indexOf('\n') < 0)) {
            // a head of one unfinished line: one minified document, or JSON Lines of long lines; too close to call
            return null;
        }
        boolean lines = text.contains("\n{");
        int logs = text.indexOf("\"resourceLogs\"");
        int finding = text.indexOf("\"class_uid\"");
        if (logs >= 0 && (finding < 0 || logs < finding)) {
            return new FormatGuess(lines ? EvidenceFormat.OTLP_JSONL : EvidenceFormat.OTLP_JSON, compressed);
        }
        if (finding >= 0) {
            return new FormatGuess(lines ? EvidenceFormat.OCSF_JSONL : EvidenceFormat.OCSF_JSON, compressed);
        }
        return null;
    }

    private static byte[] gunzipHead(InputStream raw) throws IOException {
        try (InputStream text = new BufferedInputStream(new GZIPInputStream(raw, HEAD), HEAD)) {
            return significantHead(text);
        }
    }

    /** Up to 64 KB from the first significant byte on, as the reader finds it; empty when there is none. */
    private static byte[] significantHead(InputStream in) throws IOException {
        return EvidenceReader.firstSignificantByte(in) == -1 ? new byte[0] : in.readNBytes(HEAD);
    }
}
