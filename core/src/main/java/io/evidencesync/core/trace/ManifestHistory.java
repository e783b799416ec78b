package io.evidencesync.core.trace;

import java.util.List;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.ManifestCodec;
import io.evidencesync.core.contract.ManifestEntry;
import io.evidencesync.core.contract.RunManifest;

/**
 * Within a run, a manifest only grows: each publish step rewrites it with every entry of the version before, the same
 * key, SHA-256 and S3 version. Someone who rewrote an object and its manifest consistently leaves every other link
 * intact; only the manifest's version history shows it. Reading it needs {@code s3:ListBucketVersions}.
 */
final class ManifestHistory {
    static final String LINK = "every earlier version of the manifest is kept in the later ones";

    private final TraceStore store;

    ManifestHistory(TraceStore store) {
        this.store = store;
    }

    Link check(String bucket, String manifestKey) {
        try {
            List<String> versions = store.versions(bucket, manifestKey);
            RunManifest earlier = null;
            String earlierVersion = null;
            for (String version : versions) {
                String where = manifestKey + "?versionId=" + version;
                RunManifest manifest = ManifestCodec.fromJson(where, store.read(bucket, manifestKey, version)
                        .orElseThrow(() -> new EvidenceException("manifest '" + where + "' was listed but is gone")));
                String change = earlier == null ? null : firstChange(earlier, manifest);
                if (change != null) {
                    return Link.broken(LINK, "version " + version + " of " + manifestKey + " " + change + " as version "
                            + earlierVersion + " lists it: within a run a manifest only grows, so an object was"
                            + " replaced after it was published; read both versions (aws s3api get-object --version-id)");
                }
                earlier = manifest;
                earlierVersion = version;
            }
            return Link.ok(LINK, versions.size() + " version(s) of " + manifestKey);
        } catch (EvidenceException e) {
            return Link.broken(LINK, e.getMessage());
        }
    }

    /** What {@code later} no longer lists as {@code earlier} did, or null when it keeps every entry. */
    private static String firstChange(RunManifest earlier, RunManifest later) {
        ManifestEntry entry = earlier.firstNotKeptIn(later);
        if (entry == null) {
            return null;
        }
        ManifestEntry now = later.objects().stream().filter(other -> other.key().equals(entry.key())).findFirst()
                .orElse(null);
        if (now == null) {
            return "drops " + entry.key();
        }
        return "lists " + entry.key() + " with SHA-256 " + now.sha256() + " (S3 version " + now.versionId() + "), not "
                + entry.sha256() + " (S3 version " + entry.versionId() + ")";
    }
}
