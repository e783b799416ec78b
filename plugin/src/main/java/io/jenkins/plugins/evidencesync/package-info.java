/**
 * The Evidence Sync Jenkins plugin: a thin adapter that turns a Jenkins build (its {@code Run}, workspace,
 * environment and credentials) into one {@code io.evidencesync.core.publish.PublishRequest}, runs core's
 * {@code EvidencePublisher} where the workspace is (controller or agent), and records what was published on the build.
 * All evidence reading, key layout and S3 logic lives in core.
 *
 * <p>Entry points: {@link io.jenkins.plugins.evidencesync.PublishEvidenceStep} (Pipeline {@code publishEvidence},
 * returns a result) and {@link io.jenkins.plugins.evidencesync.PublishEvidenceBuilder} (freestyle build step); both
 * call {@link io.jenkins.plugins.evidencesync.EvidenceRunner}.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.evidencesync;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
