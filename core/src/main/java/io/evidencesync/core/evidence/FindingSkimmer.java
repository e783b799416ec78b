package io.evidencesync.core.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Vouches for a stream that is one JSON array of objects (a scanner's OCSF findings) for much less work than a full
 * parse. Every byte is checked as strict JSON ({@link JsonBytes}), and the members the summary needs
 * ({@code class_uid}, {@code policy}, {@code status}, {@code compliance}) are read as they are checked, the way
 * {@link DocumentScanner} reads them; the rest is only checked. A finding whose needed members have escapes (or
 * whose names do) is handed to the parser instead, as a condensed copy of those members ({@link ParserBatch}).
 *
 * <p>It is never more lenient than the parser, and anything it cannot vouch for (a syntax error, an element that is
 * not an object, a second document, a finding that is not OCSF, a value near one of the parser's limits) gives null:
 * the caller then reads the stream with the parser from its start, for the same result and the same messages.
 */
final class FindingSkimmer extends JsonBytes {
    private static final byte[] CLASS_UID = bytes("class_uid");
    private static final byte[] POLICY = bytes("policy");
    private static final byte[] STATUS = bytes("status");
    private static final byte[] COMPLIANCE = bytes("compliance");
    private static final byte[] CONTROL = bytes("control");
    private static final byte[] REQUIREMENTS = bytes("requirements");
    private static final byte[] STANDARDS = bytes("standards");
    private static final byte[] UID = bytes("uid");
    private static final byte[] NAME = bytes("name");

    private final SummaryCollector collector = new SummaryCollector();
    private final ParserBatch batch = new ParserBatch(collector);
    private final JsonStrings strings = new JsonStrings();
    private final Finding finding = new Finding();
    /** The current finding's needed members, as start and end offsets in {@link #buf}. */
    private int[] members = new int[16];
    private int memberCount;
    /** Whether the finding being read needs the parser: a name or a string the summary needs has escapes. */
    private boolean complex;
    /** Whether the member just read is one the summary needs. */
    private boolean wanted;

    private FindingSkimmer(InputStream in) {
        super(in);
    }

    /**
     * The summary of a stream that is, past white space, exactly one JSON array of OCSF findings; null when this
     * cannot vouch for it. The stream is read to its end only when the answer is a summary.
     */
    static SummaryCollector read(InputStream in) throws IOException {
        return new FindingSkimmer(in).read();
    }

    private SummaryCollector read() throws IOException {
        int p = unit(0, this::opening);
        if (p < 0) {
            return null;
        }
        p = unit(p, this::first);
        while (p >= 0 && buf[p - 1] == ',') {
            p = unit(p, this::element);
        }
        if (p < 0 || !atEndAfterWhiteSpace(p) || !batch.flush()) {
            return null;
        }
        return collector;
    }

    /** White space, then the array's {@code [}. */
    private int opening(int p) {
        p = ws(p);
        return buf[p] == '[' ? p + 1 : fail(p);
    }

    /** The first element, or the {@code ]} of an empty array. */
    private int first(int p) throws IOException {
        p = ws(p);
        return buf[p] == ']' ? p + 1 : element(p);
    }

    /**
     * One element and what ends it: white space, a finding, white space, then {@code ,} or the array's {@code ]}.
     * Returns the offset past that byte. The finding is added once all of it is read, before the buffer moves on.
     */
    private int element(int p) throws IOException {
        memberCount = 0;
        p = ws(p);
        if (buf[p] != '{') {
            return fail(p);
        }
        p = finding(p + 1);
        if (p < 0) {
            return p;
        }
        p = ws(p);
        byte c = buf[p];
        if (c != ',' && c != ']') {
            return fail(p);
        }
        return addFinding() ? p + 1 : REFUSED;
    }

    /** Reads a unit of the stream from {@code start}, reading more and retrying while the buffer ends inside it. */
    private int unit(int start, Unit unit) throws IOException {
        while (true) {
            int end = unit.read(start);
            if (end != NEED_MORE) {
                return end;
            }
            start = readMore(start);
            if (start < 0) {
                return REFUSED;
            }
        }
    }

    private boolean atEndAfterWhiteSpace(int p) throws IOException {
        while (true) {
            p = ws(p);
            if (p < limit) {
                return false; // a second document, or anything else after the array
            }
            if (eof) {
                return true;
            }
            p = readMore(p);
        }
    }

    /**
     * The members of a finding, from past its {@code {}. Those the summary needs are read as they are checked, and
     * recorded for the parser in case the finding turns out to need it ({@link #complex}).
     */
    private int finding(int p) {
        finding.reset();
        complex = false;
        p = ws(p);
        if (buf[p] == '}') {
            return p + 1;
        }
        while (true) {
            int name = p;
            p = name(p);
            if (p < 0) {
                return p;
            }
            boolean copied;
            if (escaped) {
                complex = true; // the parser decodes the name, which may be one the summary needs
                copied = true;
                p = value(ws(p), 2);
            } else {
                p = member(name + 1, nameEnd, ws(p));
                copied = wanted;
            }
            if (p < 0) {
                return p;
            }
            if (copied) {
                record(name, p);
            }
            p = ws(p);
            if (buf[p] == ',') {
                p = ws(p + 1);
            } else {
                return buf[p] == '}' ? p + 1 : fail(p);
            }
        }
    }

    /**
     * The value of the finding's member named by {@code buf[from, to)}, read into {@link #finding} when the summary
     * needs it, as {@link DocumentScanner} would read it; sets {@link #wanted}.
     */
    private int member(int from, int to, int p) {
        wanted = true;
        if (is(from, to, CLASS_UID)) {
            finding.numericClassUid = startsNumber(buf[p]);
            return value(p, 2);
        }
        if (is(from, to, POLICY)) {
            return stringsOf(p, 2, finding.policyUids);
        }
        if (is(from, to, STATUS)) {
            finding.status = null;
            return buf[p] == '"' ? text(p, null) : value(p, 2);
        }
        if (is(from, to, COMPLIANCE)) {
            finding.compliance.clear();
            return stringsOf(p, 2, null);
        }
        wanted = false;
        return value(p, 2);
    }

    /**
     * {@code policy} or {@code compliance} when it is an object: the strings of its {@code uid} members into
     * {@code sink} (JsonStrings.fieldOf), or those of its control, requirements, standards and status into the
     * finding's compliance (JsonStrings.compliance, when {@code sink} is null); every other member is checked.
     */
    private int stringsOf(int p, int depth, List<String> sink) {
        if (buf[p] != '{') {
            return value(p, depth);
        }
        if (depth + 1 > MAX_DEPTH) {
            return REFUSED;
        }
        p = ws(p + 1);
        if (buf[p] == '}') {
            return p + 1;
        }
        while (true) {
            int name = p;
            p = name(p);
            if (p < 0) {
                return p;
            }
            complex |= escaped;
            List<String> into = sink == null ? complianceList(name + 1, nameEnd)
                    : is(name + 1, nameEnd, UID) ? sink : null;
            p = ws(p);
            p = into != null ? strings(p, depth + 1, into) : value(p, depth + 1);
            if (p < 0) {
                return p;
            }
            p = ws(p);
            if (buf[p] == ',') {
                p = ws(p + 1);
            } else {
                return buf[p] == '}' ? p + 1 : fail(p);
            }
        }
    }

    /** The compliance list a member named {@code buf[from, to)} goes to; null for one the summary does not read. */
    private List<String> complianceList(int from, int to) {
        JsonStrings.Compliance compliance = finding.compliance;
        if (is(from, to, CONTROL)) {
            return compliance.controls;
        }
        if (is(from, to, REQUIREMENTS)) {
            return compliance.requirements;
        }
        if (is(from, to, STANDARDS)) {
            return compliance.standards;
        }
        return is(from, to, STATUS) ? compliance.statuses : null;
    }

    /**
     * Every string in a value (JsonStrings.strings): a scalar's text, each element of an array, an object's
     * {@code uid} strings, or else its {@code name} strings.
     */
    private int strings(int p, int depth, List<String> sink) {
        byte c = buf[p];
        if (c == '"') {
            return text(p, sink);
        }
        if (c == '[') {
            return stringsOfArray(p + 1, depth + 1, sink);
        }
        if (c == '{') {
            return uidOrName(p + 1, depth + 1, sink);
        }
        int end = value(p, depth);
        if (end >= 0 && c != 'n') {
            sink.add(strings.text(buf, p, end)); // a number as written, true or false
        }
        return end;
    }

    private int stringsOfArray(int p, int depth, List<String> sink) {
        if (depth > MAX_DEPTH) {
            return REFUSED;
        }
        p = ws(p);
        if (buf[p] == ']') {
            return p + 1;
        }
        while (true) {
            p = strings(p, depth, sink);
            if (p < 0) {
                return p;
            }
            p = ws(p);
            if (buf[p] == ',') {
                p = ws(p + 1);
            } else {
                return buf[p] == ']' ? p + 1 : fail(p);
            }
        }
    }

    /** An object in {@link #strings}: the strings of its last {@code uid}, or else of its last {@code name}. */
    private int uidOrName(int p, int depth, List<String> sink) {
        if (depth > MAX_DEPTH) {
            return REFUSED;
        }
        List<String> uid = null;
        List<String> name = null;
        p = ws(p);
        if (buf[p] != '}') {
            while (true) {
                int start = p;
                p = name(p);
                if (p < 0) {
                    return p;
                }
                complex |= escaped;
                p = ws(p);
                if (is(start + 1, nameEnd, UID)) {
                    uid = new ArrayList<>(1);
                    p = strings(p, depth, uid);
                } else if (is(start + 1, nameEnd, NAME)) {
                    name = new ArrayList<>(1);
                    p = strings(p, depth, name);
                } else {
                    p = value(p, depth);
                }
                if (p < 0) {
                    return p;
                }
                p = ws(p);
                if (buf[p] == ',') {
                    p = ws(p + 1);
                } else if (buf[p] == '}') {
                    break;
                } else {
                    return fail(p);
                }
            }
        }
        List<String> named = uid != null ? uid : name;
        if (named != null) {
            sink.addAll(named);
        }
        return p + 1;
    }

    /** A string value at {@code p}; its text goes to {@code sink}, or to the finding's status when null. */
    private int text(int p, List<String> sink) {
        int end = stringValue(p);
        if (end < 0) {
            return end;
        }
        if (escaped) {
            complex = true; // the parser decodes escapes
        } else if (sink == null) {
            finding.status = strings.text(buf, p + 1, end - 1);
        } else {
            sink.add(strings.text(buf, p + 1, end - 1));
        }
        return end;
    }

    private void record(int start, int end) {
        if (memberCount + 2 > members.length) {
            members = Arrays.copyOf(members, members.length * 2);
        }
        members[memberCount++] = start;
        members[memberCount++] = end;
    }

    /** Adds the finding just read to the summary, or to the parser's batch; false when it is not an OCSF finding. */
    private boolean addFinding() throws IOException {
        if (complex) {
            return batch.add(buf, members, memberCount);
        }
        if (!finding.isOcsf()) {
            return false;
        }
        finding.collect(collector);
        return true;
    }

    @FunctionalInterface
    private interface Unit {
        int read(int start) throws IOException;
    }
}
