package io.evidencesync.cli.github;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.stream.JsonWriter;

import io.evidencesync.cli.CliContext;
import io.evidencesync.cli.provenance.ProvenanceOptions.ResolvedBuild;
import io.evidencesync.cli.publish.ActionEnvironment;
import io.evidencesync.cli.publish.PlainReporter;
import io.evidencesync.cli.publish.PublishReporter;
import io.evidencesync.cli.publish.PublishSettings;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.discovery.EvidenceFile;
import io.evidencesync.core.publish.PublishResult;
import io.evidencesync.core.publish.PublishedObject;

/**
 * Reports a publish on GitHub Actions: progress inside a log group, an {@code ::error file=...::} annotation per
 * refused file, the step outputs ({@link #OUTPUTS}) and a job summary table. Secrets are never printed; the AWS
 * account id of a role ARN is masked before anything mentions the role.
 */
public final class GitHubReporter implements PublishReporter {
    /** The step outputs written to {@code GITHUB_OUTPUT}; action.yml maps exactly these. */
    public static final List<String> OUTPUTS = List.of("objects", "manifest-key", "count");
    /** Refused files annotated one by one; with the overall error and the step's exit code, GitHub's 10 per step. */
    static final int MAX_FILE_ANNOTATIONS = 8;

    /** The account id in an IAM or STS ARN ({@code arn:aws:iam::123456789012:role/x}) or a KMS key ARN. */
    private static final Pattern ARN_ACCOUNT = Pattern.compile("arn:aws[a-zA-Z-]*:(?:iam|sts|kms:[a-z0-9-]*)::?([0-9]{12}):");

    private final CliContext context;
    private final PlainReporter plain;
    private final List<Map.Entry<String, String>> refused = new ArrayList<>();
    private PublishSettings settings;
    private ResolvedBuild build;
    private boolean groupOpen;

    public GitHubReporter(CliContext context) {
        this.context = context;
        this.plain = new PlainReporter(context.out(), context.err());
    }

    /**
     * Masks the account id of every role ARN in the environment, and of the KMS key ARN the action was given, so no
     * later log line can show it.
     */
    public static void maskAccountIds(CliContext context) {
        Set<String> masked = new HashSet<>();
        for (String name : List.of("AWS_ROLE_ARN", "AWS_ROLE_TO_ASSUME", ActionEnvironment.variable("--kms-key-id"))) {
            String arn = context.get(name);
            if (arn != null) {
                Matcher matcher = ARN_ACCOUNT.matcher(arn);
                if (matcher.find() && masked.add(matcher.group(1))) {
                    context.out().println(WorkflowCommands.command("add-mask", Map.of(), matcher.group(1)));
                }
            }
        }
    }

    @Override
    public synchronized void starting(PublishSettings publishSettings, ResolvedBuild resolvedBuild, String credentials) {
        this.settings = publishSettings;
        this.build = resolvedBuild;
        context.out().println(WorkflowCommands.command("group", Map.of(), "Evidence Sync: publish to s3://"
                + publishSettings.bucket()));
        groupOpen = true;
        plain.starting(publishSettings, resolvedBuild, credentials);
    }

    @Override
    public void discovered(List<EvidenceFile> files) {
        plain.discovered(files);
    }

    @Override
    public synchronized void warning(String message) {
        context.out().println(WorkflowCommands.command("warning", Map.of("title", "Evidence Sync"), message));
    }

    @Override
    public synchronized void rejected(String path, String message) {
        refused.add(Map.entry(path, message));
        plain.rejected(path, message);
    }

    @Override
    public void published(PublishedObject object) {
        plain.published(object);
    }

    @Override
    public void manifestWritten(String key) {
        plain.manifestWritten(key);
    }

    @Override
    public synchronized void finished(PublishResult result) {
        endGroup();
        plain.finished(result);
        Path output = file("GITHUB_OUTPUT");
        if (output != null) {
            Listed listed = objectsJson(result, OBJECTS_LIMIT_BYTES);
            if (listed.count() < result.objects().size()) {
                warning("the objects output lists " + listed.count() + " of " + result.objects().size() + " objects:"
                        + " GitHub limits a step output to 1 MB. The run manifest (output manifest-key) lists every object.");
            }
            GitHubFiles.appendOutput(output, "objects", listed.json());
            GitHubFiles.appendOutput(output, "manifest-key", result.manifestKey() == null ? "" : result.manifestKey());
            GitHubFiles.appendOutput(output, "count", Integer.toString(result.objects().size()));
        }
        Path summary = file("GITHUB_STEP_SUMMARY");
        if (summary != null) {
            GitHubFiles.append(summary, JobSummary.published(result, build,
                    JobSummary.LIMIT_BYTES - GitHubFiles.size(summary)));
        }
    }

    @Override
    public synchronized void failed(EvidenceException failure) {
        endGroup();
        // the overall reason first: the runner keeps only the first 10 error annotations of a step, and the step's
        // own "exit code 1" is one of them
        context.out().println(WorkflowCommands.command("error", Map.of("title", "Evidence Sync"), failure.getMessage()));
        for (Map.Entry<String, String> refusal : refused.subList(0, Math.min(refused.size(), MAX_FILE_ANNOTATIONS))) {
            context.out().println(WorkflowCommands.command("error",
                    orderedProperties("file", annotationPath(refusal.getKey()), "title", "Evidence refused"),
                    refusal.getValue()));
        }
        if (refused.size() > MAX_FILE_ANNOTATIONS) {
            context.out().println((refused.size() - MAX_FILE_ANNOTATIONS) + " more refused files are not annotated"
                    + " (GitHub keeps 10 error annotations per step); the log below and the job summary list them all.");
        }
        plain.failed(failure);
        Path summary = file("GITHUB_STEP_SUMMARY");
        if (summary != null) {
            GitHubFiles.append(summary, JobSummary.failed(failure.getMessage(), refused, build,
                    JobSummary.LIMIT_BYTES - GitHubFiles.size(summary)));
        }
    }

    /** The {@code objects} output stays under GitHub's 1 MB per output, with room left for the others. */
    static final int OBJECTS_LIMIT_BYTES = 900 * 1024;

    /** The {@code objects} output as written, and how many objects it lists. */
    record Listed(String json, int count) {
    }

    /**
     * The {@code objects} output: key, versionId, sha256, size, path and controls of each object, in key order; as
     * many as fit in {@code limitBytes} of UTF-8 (all of them, unless a run publishes thousands of files).
     */
    static Listed objectsJson(PublishResult result, int limitBytes) {
        List<PublishedObject> all = result.objects();
        String json = objectsJson(all);
        if (utf8Length(json) <= limitBytes) {
            return new Listed(json, all.size());
        }
        int fits = 0; // the longest prefix that fits: binary search over its length
        int tooMany = all.size();
        while (tooMany - fits > 1) {
            int middle = (fits + tooMany) >>> 1;
            if (utf8Length(objectsJson(all.subList(0, middle))) <= limitBytes) {
                fits = middle;
            } else {
                tooMany = middle;
            }
        }
        return new Listed(objectsJson(all.subList(0, fits)), fits);
    }

    /** One line of JSON, nulls written, HTML characters as they are; no Gson instance, which takes ~0.1 s to start. */
    private static String objectsJson(List<PublishedObject> objects) {
        StringWriter text = new StringWriter();
        try (JsonWriter out = new JsonWriter(text)) {
            out.setHtmlSafe(false);
            out.beginArray();
            for (PublishedObject object : objects) {
                out.beginObject();
                out.name("key").value(object.key());
                out.name("versionId").value(object.versionId());
                out.name("sha256").value(object.sha256());
                out.name("size").value(object.size());
                out.name("path").value(object.path());
                out.name("controls").beginArray();
                for (String control : object.summary().controls()) {
                    out.value(control);
                }
                out.endArray();
                out.endObject();
            }
            out.endArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Annotations want the file relative to the workspace (that is how GitHub links them to the diff). */
    private String annotationPath(String relativePath) {
        Path file = settings == null ? Path.of(relativePath) : settings.baseDirectory().resolve(relativePath).normalize();
        String workspace = context.get("GITHUB_WORKSPACE");
        if (workspace != null) {
            Path root = context.workingDirectory().resolve(workspace).normalize();
            if (file.startsWith(root)) {
                return root.relativize(file).toString().replace('\\', '/');
            }
        }
        return file.toString().replace('\\', '/');
    }

    private Path file(String variable) {
        String value = context.get(variable);
        return value == null ? null : context.workingDirectory().resolve(value);
    }

    private void endGroup() {
        if (groupOpen) {
            context.out().println(WorkflowCommands.command("endgroup", Map.of(), ""));
            groupOpen = false;
        }
    }

    private static Map<String, String> orderedProperties(String k1, String v1, String k2, String v2) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(k1, v1);
        properties.put(k2, v2);
        return properties;
    }
}
