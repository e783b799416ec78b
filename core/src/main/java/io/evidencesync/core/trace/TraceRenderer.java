package io.evidencesync.core.trace;

import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import io.evidencesync.core.provenance.BuildProvenance;
import io.evidencesync.core.trace.TraceReport.ObjectTrace;
import io.evidencesync.core.trace.TraceReport.ProofTrace;
import io.evidencesync.core.trace.TraceReport.RunTrace;

/** Prints a {@link TraceReport} for people (an indented chain with ✓ / ✗ per link) or as JSON for tools. */
public final class TraceRenderer {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private TraceRenderer() {
    }

    public static String json(TraceReport report) {
        JsonObject root = GSON.toJsonTree(report).getAsJsonObject();
        root.addProperty("verified", report.verified());
        return GSON.toJson(root);
    }

    public static String text(TraceReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Trace of ").append(report.target()).append('\n');
        links(out, "  ", report.links());
        for (RunTrace run : report.runs()) {
            Map<String, String> build = run.provenance();
            out.append("\nBuild   ").append(build.getOrDefault(BuildProvenance.CICD_RUN_URL, "(unknown run URL)")).append('\n');
            line(out, "  pipeline ", build.get(BuildProvenance.CICD_SYSTEM) + " " + build.get(BuildProvenance.CICD_PIPELINE_NAME)
                    + " run " + build.get(BuildProvenance.CICD_RUN_ID) + " attempt " + build.get(BuildProvenance.CICD_RUN_ATTEMPT));
            line(out, "  commit   ", join(build.get(BuildProvenance.VCS_REPOSITORY_URL), build.get(BuildProvenance.VCS_REVISION),
                    build.get(BuildProvenance.VCS_REF)));
            out.append("Manifest s3://").append(run.bucket()).append('/').append(run.manifestKey()).append('\n');
            if (run.manifest() != null) {
                object(out, "  ", run.manifest());
            }
            for (ObjectTrace object : run.objects()) {
                out.append("Evidence ").append(object.path()).append('\n');
                object(out, "  ", object);
            }
        }
        out.append('\n').append(report.verified() ? "VERIFIED: every link holds." : "NOT VERIFIED: "
                + broken(report) + " link(s) broken (marked ✗).").append('\n');
        return out.toString();
    }

    private static void object(StringBuilder out, String indent, ObjectTrace object) {
        out.append(indent).append("s3 object ").append(object.key())
                .append(object.versionId() == null ? "" : " (version " + object.versionId() + ")").append('\n');
        out.append(indent).append("sha256    ").append(object.sha256()).append('\n');
        links(out, indent + "  ", object.links());
        for (ProofTrace proof : object.proofs()) {
            out.append(indent).append("→ proof ").append(proof.proofId()).append(" v").append(proof.version()).append(" on ")
                    .append("control".equals(proof.target()) ? "control " + join(proof.controlIdentifier(), proof.controlId(), null)
                            : "the organization").append('\n');
            links(out, indent + "    ", proof.links());
        }
    }

    private static void links(StringBuilder out, String indent, List<Link> links) {
        for (Link link : links) {
            out.append(indent).append(link.ok() ? "✓ " : "✗ ").append(link.name());
            if (!link.ok() || link.detail() == null || link.detail().length() < 90) {
                out.append(link.detail() == null ? "" : ": " + link.detail());
            }
            out.append('\n');
        }
    }

    private static long broken(TraceReport report) {
        long count = report.links().stream().filter(l -> !l.ok()).count();
        for (RunTrace run : report.runs()) {
            List<ObjectTrace> objects = new java.util.ArrayList<>(run.objects());
            if (run.manifest() != null) {
                objects.add(run.manifest());
            }
            for (ObjectTrace object : objects) {
                count += object.links().stream().filter(l -> !l.ok()).count();
                count += object.proofs().stream().flatMap(p -> p.links().stream()).filter(l -> !l.ok()).count();
                if (object.proofs().isEmpty() && object.links().stream().allMatch(Link::ok)) {
                    count++;
                }
            }
        }
        return Math.max(count, report.verified() ? 0 : 1);
    }

    private static void line(StringBuilder out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.append(label).append(value).append('\n');
        }
    }

    private static String join(String first, String second, String third) {
        StringBuilder joined = new StringBuilder();
        for (String part : new String[] {first, second, third}) {
            if (part != null && !part.isBlank()) {
                joined.append(joined.length() == 0 ? "" : " ").append(part);
            }
        }
        return joined.toString();
    }
}
