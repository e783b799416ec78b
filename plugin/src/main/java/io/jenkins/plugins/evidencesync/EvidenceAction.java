package io.jenkins.plugins.evidencesync;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * The build's "Compliance evidence" page: every object this build published (S3 URI, version, SHA-256, size,
 * controls), grouped by publish, since a Pipeline may publish more than once. Stored in the build's XML; it holds no
 * credentials. Deleting the build deletes this record only: the evidence in S3 is never touched.
 *
 * @since 0.1.0
 */
public final class EvidenceAction implements RunAction2 {
    static final String URL_NAME = "compliance-evidence";

    private final List<UploadReport> publishes = new ArrayList<>();
    private final String externalizableId;
    private transient Run<?, ?> run;

    EvidenceAction(Run<?, ?> run) {
        this.run = run;
        this.externalizableId = run.getExternalizableId();
    }

    /** Adds one publish and saves nothing: the build is saved by Jenkins, or by the caller. */
    synchronized void add(UploadReport report) {
        publishes.add(report);
    }

    public synchronized List<UploadReport> getPublishes() {
        return Collections.unmodifiableList(new ArrayList<>(publishes));
    }

    /** Every object of every publish of this build. */
    public synchronized List<PublishedEvidence> getObjects() {
        List<PublishedEvidence> all = new ArrayList<>();
        publishes.forEach(report -> all.addAll(report.getObjects()));
        return all;
    }

    /** The build's id as core's provenance refers to it: full job name, '#', build number. */
    public String getExternalizableId() {
        return externalizableId;
    }

    @CheckForNull
    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-document-text";
    }

    @Override
    public String getDisplayName() {
        return Messages.EvidenceAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }
}
