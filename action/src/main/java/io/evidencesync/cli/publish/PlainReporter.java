package io.evidencesync.cli.publish;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.evidencesync.cli.provenance.ProvenanceOptions.ResolvedBuild;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.discovery.EvidenceFile;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.evidence.EvidenceSummary;
import io.evidencesync.core.publish.PublishResult;
import io.evidencesync.core.publish.PublishedObject;

/**
 * Plain text for any console: progress on standard output, failures on standard error. File names are printed on
 * one line each whatever they contain, so no name can start a line of its own (and look like a CI command).
 */
public class PlainReporter implements PublishReporter {
    private final PrintStream out;
    private final PrintStream err;
    private String bucket = "";

    public PlainReporter(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public synchronized void starting(PublishSettings settings, ResolvedBuild build, String credentials) {
        bucket = settings.bucket();
        out.println((settings.dryRun() ? "Dry run: planning" : "Publishing") + " evidence from "
                + oneLine(settings.baseDirectory().toString()) + " to s3://" + settings.bucket() + "/"
                + EvidenceContract.runPrefix(settings.prefix(), build.provenance()));
        out.println("Build: " + oneLine(build.provenance().runUrl()));
        out.println("AWS credentials: " + credentials);
    }

    @Override
    public synchronized void discovered(List<EvidenceFile> files) {
        long bytes = files.stream().mapToLong(EvidenceFile::size).sum();
        out.println("Found " + files.size() + " evidence file" + (files.size() == 1 ? "" : "s") + " (" + bytes + " bytes)");
    }

    @Override
    public synchronized void warning(String message) {
        out.println("warning: " + oneLine(message));
    }

    @Override
    public synchronized void rejected(String path, String message) {
        err.println("refused: " + oneLine(message));
    }

    @Override
    public synchronized void published(PublishedObject object) {
        out.println("  " + outcome(object.outcome()) + " " + oneLine(object.path()) + " -> s3://" + bucket + "/"
                + object.key() + " (" + object.size() + " bytes" + describe(object.summary()) + ")");
    }

    @Override
    public synchronized void manifestWritten(String key) {
        out.println("Run manifest: s3://" + bucket + "/" + key);
    }

    @Override
    public synchronized void finished(PublishResult result) {
        List<PublishedObject> objects = result.objects();
        if (objects.isEmpty()) {
            out.println("No evidence published.");
            return;
        }
        if (result.dryRun()) {
            out.println("Dry run: " + objects.size() + " evidence file" + (objects.size() == 1 ? "" : "s")
                    + " would be published; nothing was written.");
            return;
        }
        Map<PublishedObject.Outcome, Long> counts = objects.stream()
                .collect(Collectors.groupingBy(PublishedObject::outcome, Collectors.counting()));
        out.println("Published " + objects.size() + " evidence file" + (objects.size() == 1 ? "" : "s") + " ("
                + counts.getOrDefault(PublishedObject.Outcome.UPLOADED, 0L) + " uploaded, "
                + counts.getOrDefault(PublishedObject.Outcome.ALREADY_PUBLISHED, 0L) + " already published).");
    }

    @Override
    public synchronized void failed(EvidenceException failure) {
        err.println("error: " + inertLines(failure.getMessage()));
    }

    /** How an outcome reads in logs and summaries. */
    public static String outcome(PublishedObject.Outcome outcome) {
        return switch (outcome) {
            case UPLOADED -> "uploaded";
            case ALREADY_PUBLISHED -> "already published";
            case PLANNED -> "planned";
        };
    }

    private static String describe(EvidenceSummary summary) {
        if (summary.format() == EvidenceFormat.OPAQUE) {
            return ", not validated";
        }
        String text = ", " + summary.format().id() + ", " + summary.records() + " record" + (summary.records() == 1 ? "" : "s");
        return summary.controls().isEmpty() ? text : text + ", controls: " + String.join(" ", summary.controls());
    }

    /**
     * Keeps a value on one line (CR and LF become visible escapes) in which no CI runner finds a command (see
     * {@link #inertLines}).
     */
    public static String oneLine(String value) {
        return value == null ? "" : withoutCommandMarkers(value.replace("\r", "\\r").replace("\n", "\\n"));
    }

    /**
     * A message of several lines that may hold file names, printed so that no CI runner takes any part of it for a
     * command. GitHub's runner (reading both streams) acts on a line that starts with {@code ::} after white space
     * as .NET counts it (no-break spaces included), and on {@code ##[} anywhere in a line (its older syntax, still
     * parsed), as Azure Pipelines does on {@code ##vso[}; a file name can hold any of them, and a line break before
     * them. Such a line gets {@code "| "} in front; the markers get a backslash ({@code ##\[}).
     */
    public static String inertLines(String message) {
        if (message == null) {
            return "";
        }
        String[] lines = message.split("\r\n|\r|\n", -1);
        StringBuilder out = new StringBuilder(message.length() + 8);
        for (int i = 0; i < lines.length; i++) {
            String line = withoutCommandMarkers(lines[i]);
            if (i > 0) {
                out.append('\n');
            }
            out.append(stripLeadingDotNetWhitespace(line).startsWith("::") ? "| " : "").append(line);
        }
        return out.toString();
    }

    private static String withoutCommandMarkers(String text) {
        return text.replace("##[", "##\\[").replace("##vso[", "##vso\\[");
    }

    /** What .NET's {@code TrimStart()} removes: Java's white space plus the no-break spaces and NEL. */
    private static String stripLeadingDotNetWhitespace(String line) {
        int start = 0;
        while (start < line.length()) {
            char c = line.charAt(start);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '\u0085') {
                break;
            }
            start++;
        }
        return line.substring(start);
    }
}
