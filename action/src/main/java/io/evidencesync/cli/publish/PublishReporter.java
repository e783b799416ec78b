package io.evidencesync.cli.publish;

import io.evidencesync.cli.provenance.ProvenanceOptions.ResolvedBuild;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.publish.PublishListener;
import io.evidencesync.core.publish.PublishResult;

/** Shows a publish to whoever watches the build: plain text, or GitHub's log groups, annotations, outputs, summary. */
public interface PublishReporter extends PublishListener {
    /**
     * @param credentials where the AWS credentials come from, in words; never a secret
     */
    void starting(PublishSettings settings, ResolvedBuild build, String credentials);

    void finished(PublishResult result);

    void failed(EvidenceException failure);
}
