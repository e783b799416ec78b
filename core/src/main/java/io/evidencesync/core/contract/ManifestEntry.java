package io.evidencesync.core.contract;

import java.util.List;
import java.util.Map;

/**
 * One evidence object in a run manifest.
 *
 * @param key          the S3 key
 * @param path         the file's path relative to the evidence directory in the build
 * @param size         bytes stored
 * @param sha256       hex SHA-256 of the bytes stored
 * @param format       {@link io.evidencesync.core.evidence.EvidenceFormat#id()}
 * @param compressed   true when the bytes are gzip
 * @param records      log records or findings read
 * @param controls     compliance control ids found in the evidence
 * @param frameworks   compliance frameworks named
 * @param requirements compliance requirements named
 * @param policyRules  policy rules evaluated
 * @param results      count of each evaluation result
 * @param versionId    the S3 version id, or null on an unversioned bucket
 * @param etag         the S3 ETag
 */
public record ManifestEntry(
        String key,
        String path,
        long size,
        String sha256,
        String format,
        boolean compressed,
        long records,
        List<String> controls,
        List<String> frameworks,
        List<String> requirements,
        List<String> policyRules,
        Map<String, Long> results,
        String versionId,
        String etag) {

    public ManifestEntry {
        controls = controls == null ? List.of() : List.copyOf(controls);
        frameworks = frameworks == null ? List.of() : List.copyOf(frameworks);
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        policyRules = policyRules == null ? List.of() : List.copyOf(policyRules);
        results = results == null ? Map.of() : Map.copyOf(results);
    }

    /** Same object and bytes: what idempotent re-publishing compares (S3 version and ETag may differ). */
    public boolean sameContent(ManifestEntry other) {
        return key.equals(other.key) && sha256.equals(other.sha256);
    }
}
