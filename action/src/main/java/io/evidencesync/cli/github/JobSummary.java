package io.evidencesync.cli.github;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.evidencesync.cli.provenance.ProvenanceOptions.ResolvedBuild;
import io.evidencesync.cli.publish.PlainReporter;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.provenance.BuildProvenance;
import io.evidencesync.core.publish.PublishResult;
import io.evidencesync.core.publish.PublishedObject;

/**
 * The Markdown job summary: a heading, the build and manifest, then one table row per file. GitHub refuses a step
 * summary over 1 MiB, so rows stop when the next one would cross the budget and a note says how many were left out.
 */
final class JobSummary {
    /** GitHub's limit for one step's summary. */
    static final long LIMIT_BYTES = 1024 * 1024;
    private static final int NOTE_RESERVE = 512;

    private JobSummary() {
    }

    static String published(PublishResult result, ResolvedBuild build, long budgetBytes) {
        List<PublishedObject> objects = result.objects();
        String title = result.dryRun()
                ? "Evidence Sync dry run: " + count(objects.size()) + " would be published"
                : objects.isEmpty() ? "Evidence Sync: no evidence published"
                : "Evidence Sync: " + count(objects.size()) + " published";
        StringBuilder head = new StringBuilder("### ").append(title).append("\n\n");
        head.append(buildLine(build.provenance()));
        if (result.manifestKey() != null) {
            head.append("Run manifest: `").append(result.s3Uri(result.manifestKey())).append("`")
                    .append(result.dryRun() ? " (not written)" : "").append("\n\n");
        }
        head.append(provenanceDetails(build));
        if (objects.isEmpty()) {
            return head.toString();
        }
        head.append("| File | Status | Records | Controls found | Results | S3 object |\n")
                .append("| --- | --- | ---: | --- | --- | --- |\n");
        return withRows(head.toString(), objects.stream().map(object -> row(result, object)).toList(), budgetBytes,
                "The run manifest lists every file.");
    }

    static String failed(String message, List<Map.Entry<String, String>> refused, ResolvedBuild build, long budgetBytes) {
        StringBuilder head = new StringBuilder("### Evidence Sync: publishing failed\n\n");
        if (build != null) {
            head.append(buildLine(build.provenance()));
        }
        head.append("```text\n").append(message.replace("```", "'''")).append("\n```\n\n");
        if (refused.isEmpty()) {
            return cut(head.toString(), budgetBytes);
        }
        head.append("| Refused file | Reason |\n| --- | --- |\n");
        return withRows(head.toString(), refused.stream()
                .map(entry -> "| " + cell(entry.getKey()) + " | " + cell(entry.getValue()) + " |\n").toList(), budgetBytes,
                "The step log lists every refusal.");
    }

    private static String withRows(String head, List<String> rows, long budgetBytes, String where) {
        StringBuilder text = new StringBuilder(head);
        long used = bytes(head);
        int shown = 0;
        for (String row : rows) {
            long size = bytes(row);
            if (used + size > budgetBytes - NOTE_RESERVE) {
                break;
            }
            text.append(row);
            used += size;
            shown++;
        }
        if (shown < rows.size()) {
            text.append("\n_").append(rows.size() - shown).append(" more not shown: GitHub limits a job summary to 1 MiB. ")
                    .append(where).append("_\n");
        }
        return cut(text.append('\n').toString(), budgetBytes);
    }

    private static String row(PublishResult result, PublishedObject object) {
        boolean opaque = object.summary().format() == EvidenceFormat.OPAQUE;
        String controls = object.summary().controls().isEmpty() ? "–" : String.join(", ", object.summary().controls());
        String results = object.summary().results().isEmpty() ? "–" : object.summary().results().entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue()).collect(Collectors.joining(", "));
        return "| " + cell(object.path()) + " | " + PlainReporter.outcome(object.outcome()) + " | "
                + (opaque ? "not validated" : Long.toString(object.summary().records())) + " | " + cell(controls) + " | "
                + cell(results) + " | `" + result.s3Uri(object.key()) + "` |\n";
    }

    private static String buildLine(BuildProvenance build) {
        StringBuilder line = new StringBuilder("Build: [").append(cell(build.pipelineName())).append(" run ")
                .append(cell(build.runId())).append(", attempt ").append(build.runAttempt()).append("](")
                .append(url(build.runUrl())).append(")");
        if (build.jobUrl() != null) {
            line.append(" · job [").append(cell(build.taskName() == null ? "log" : build.taskName())).append("](")
                    .append(url(build.jobUrl())).append(")");
        }
        if (build.revision() != null) {
            line.append(" · commit ").append(cell(build.revision()));
        }
        return line.append("\n\n").toString();
    }

    private static String provenanceDetails(ResolvedBuild build) {
        StringBuilder details = new StringBuilder("<details><summary>Build provenance</summary>\n\n| Attribute | Value |\n| --- | --- |\n");
        build.provenance().toAttributes().forEach((key, value) -> details.append("| ").append(key).append(" | ")
                .append(cell(value)).append(" |\n"));
        build.extras().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> details.append("| ")
                .append(entry.getKey()).append(" | ").append(cell(entry.getValue())).append(" |\n"));
        return details.append("\n</details>\n\n").toString();
    }

    /** Text safe in a Markdown table cell: no line breaks, no pipes, no HTML, no emphasis. */
    static String cell(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\r', '\n' -> out.append(' ');
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '|', '\\', '`', '*', '_', '[', ']', '#', '~' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String url(String value) {
        return value.replace(" ", "%20").replace("(", "%28").replace(")", "%29");
    }

    private static String count(int files) {
        return files + " evidence file" + (files == 1 ? "" : "s");
    }

    private static long bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String cut(String text, long budgetBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= budgetBytes) {
            return text;
        }
        return budgetBytes <= 0 ? "" : new String(bytes, 0, (int) budgetBytes, StandardCharsets.UTF_8)
                .replace("\uFFFD", "");
    }
}
