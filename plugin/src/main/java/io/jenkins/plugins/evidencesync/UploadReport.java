package io.jenkins.plugins.evidencesync;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one publish did, as it comes back from the upload node and as the build keeps it. A plain class (persisted by
 * XStream inside {@link EvidenceAction}); no credentials.
 *
 * @since 0.1.0
 */
public final class UploadReport implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String bucket;
    @CheckForNull
    private final String manifestKey;
    @CheckForNull
    private final String manifestVersionId;
    private final boolean dryRun;
    private final ArrayList<PublishedEvidence> objects;

    UploadReport(String bucket, @CheckForNull String manifestKey, @CheckForNull String manifestVersionId,
                 boolean dryRun, List<PublishedEvidence> objects) {
        this.bucket = bucket;
        this.manifestKey = manifestKey;
        this.manifestVersionId = manifestVersionId;
        this.dryRun = dryRun;
        this.objects = new ArrayList<>(objects);
    }

    public String getBucket() {
        return bucket;
    }

    /** The run manifest's key, or null when nothing was published. */
    @CheckForNull
    public String getManifestKey() {
        return manifestKey;
    }

    @CheckForNull
    public String getManifestVersionId() {
        return manifestVersionId;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public List<PublishedEvidence> getObjects() {
        return Collections.unmodifiableList(objects);
    }

    /** {@code s3://bucket/key}. */
    public String s3Uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * The Pipeline step's return value: only maps, lists, strings, numbers and booleans, so that it is serializable
     * with the program state and readable from sandboxed scripts ({@code result.objects[0].key}).
     */
    Map<String, Object> toPipelineResult() {
        List<Object> list = new ArrayList<>();
        for (PublishedEvidence object : objects) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", object.getPath());
            entry.put("key", object.getKey());
            entry.put("uri", s3Uri(object.getKey()));
            entry.put("versionId", object.getVersionId());
            entry.put("sha256", object.getSha256());
            entry.put("size", object.getSize());
            entry.put("format", object.getFormat());
            entry.put("records", object.getRecords());
            entry.put("controls", new ArrayList<>(object.getControls()));
            entry.put("outcome", object.getOutcome());
            list.add(entry);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("published", true);
        result.put("bucket", bucket);
        result.put("manifestKey", manifestKey);
        result.put("manifestVersionId", manifestVersionId);
        result.put("dryRun", dryRun);
        result.put("objects", list);
        return result;
    }

    /**
     * The return value when the publish failed and the failure policy let the build go on.
     *
     * @param message what failed
     */
    static Map<String, Object> failedPipelineResult(String bucket, String message) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("published", false);
        result.put("bucket", bucket);
        result.put("manifestKey", null);
        result.put("manifestVersionId", null);
        result.put("dryRun", false);
        result.put("objects", new ArrayList<>());
        result.put("error", message);
        return result;
    }
}
