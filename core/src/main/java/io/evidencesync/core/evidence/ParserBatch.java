package io.evidencesync.core.evidence;

import java.io.IOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Findings that {@link FindingSkimmer} leaves to the parser (their needed members have escapes), condensed to those
 * members, copied verbatim and in order: {@code [{"class_uid":6007,"st\u0061tus":"x"},...]}. The parser reads them
 * with the same {@link DocumentScanner} as a whole read, in batches, into the same summary.
 */
final class ParserBatch {
    /** Condensed findings are handed to the parser in batches of about this many bytes. */
    private static final int BATCH = 64 * 1024;

    private final DocumentScanner scanner;
    private byte[] condensed = new byte[1024];
    private int length;

    ParserBatch(SummaryCollector collector) {
        this.scanner = new DocumentScanner(collector);
        start();
    }

    /**
     * Adds a finding made of the members at {@code bytes[members[2i], members[2i + 1])}; false when a full batch,
     * read, holds something other than OCSF findings.
     */
    boolean add(byte[] bytes, int[] members, int memberCount) throws IOException {
        int needed = 3 + memberCount / 2; // a comma before it, its braces, a comma between members, the closing ]
        for (int i = 0; i < memberCount; i += 2) {
            needed += members[i + 1] - members[i];
        }
        if (length + needed > condensed.length) {
            condensed = Arrays.copyOf(condensed, Math.max(condensed.length * 2, length + needed));
        }
        if (length > 1) {
            condensed[length++] = ',';
        }
        condensed[length++] = '{';
        for (int i = 0; i < memberCount; i += 2) {
            if (i > 0) {
                condensed[length++] = ',';
            }
            int size = members[i + 1] - members[i];
            System.arraycopy(bytes, members[i], condensed, length, size);
            length += size;
        }
        condensed[length++] = '}';
        return length < BATCH || flush();
    }

    /** Has the parser read the findings added since the last flush; false when one of them is not OCSF. */
    boolean flush() throws IOException {
        if (length == 1) {
            return true; // nothing added since the last flush
        }
        condensed[length++] = ']';
        try (JsonParser parser = EvidenceReader.json().createParser(condensed, 0, length)) {
            parser.nextToken();
            return scanner.scan(parser) == DocumentScanner.Kind.OCSF;
        } catch (JsonProcessingException e) {
            return false; // beyond one of the parser's limits within a copied member: the whole read says so
        } finally {
            start();
        }
    }

    private void start() {
        condensed[0] = '[';
        length = 1;
    }
}
