package io.jenkins.plugins.evidencesync;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.evidencesync.core.publish.PublishedObject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One published evidence object as the build remembers it: returned from the upload node, kept in the build's
 * {@link EvidenceAction} (so a plain class, not a record: Jenkins persists it with XStream) and shown on the
 * "Compliance evidence" page. Holds no credentials.
 *
 * @since 0.1.0
 */
public final class PublishedEvidence implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String key;
    @CheckForNull
    private final String versionId;
    @CheckForNull
    private final String etag;
    private final String sha256;
    /** Jenkins fingerprints are MD5; computed on the node that read the file. */
    private final String md5;
    private final long size;
    private final String format;
    private final long records;
    private final ArrayList<String> controls;
    private final String outcome;

    PublishedEvidence(PublishedObject object, String md5) {
        this.path = object.path();
        this.key = object.key();
        this.versionId = object.versionId();
        this.etag = object.etag();
        this.sha256 = object.sha256();
        this.md5 = md5;
        this.size = object.size();
        this.format = object.summary().format().id();
        this.records = object.summary().records();
        this.controls = new ArrayList<>(object.summary().controls());
        this.outcome = object.outcome().name();
    }

    /** The file's path relative to the workspace, '/'-separated. */
    public String getPath() {
        return path;
    }

    public String getKey() {
        return key;
    }

    /** The S3 version id, or null (unversioned bucket, dry run). */
    @CheckForNull
    public String getVersionId() {
        return versionId;
    }

    @CheckForNull
    public String getEtag() {
        return etag;
    }

    public String getSha256() {
        return sha256;
    }

    public String getMd5() {
        return md5;
    }

    public long getSize() {
        return size;
    }

    /** {@code otlp-json}, {@code otlp-jsonl}, {@code ocsf-json}, {@code ocsf-jsonl} or {@code opaque}. */
    public String getFormat() {
        return format;
    }

    public long getRecords() {
        return records;
    }

    /** The compliance control ids found in the file. */
    public List<String> getControls() {
        return Collections.unmodifiableList(controls);
    }

    /** The control ids for display, comma-separated ("" when none). */
    public String getControlsText() {
        return String.join(", ", controls);
    }

    /** {@code UPLOADED}, {@code ALREADY_PUBLISHED} or {@code PLANNED} (dry run). */
    public String getOutcome() {
        return outcome;
    }
}
