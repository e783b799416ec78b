package io.evidencesync.core.contract;

import io.evidencesync.core.evidence.EvidenceFormat;

/**
 * The contract's user metadata of one S3 object, decoded: what the bridge reads before it touches the bytes.
 *
 * @param schema          the contract version that wrote the object
 * @param sha256          lower-case hex SHA-256 of the object's bytes as stored (compressed bytes for gzip)
 * @param format          the evidence format
 * @param compressed      true when the stored bytes are gzip
 * @param manifestKey     the run manifest that lists this object (null for the manifest itself)
 * @param controlOverride the Hyperproof control the producer asked for, or null
 * @param runUrl          the build's page
 * @param ciSystem        the CI system
 * @param pipelineName    the pipeline
 * @param runId           the run
 * @param runAttempt      the run attempt
 * @param revision        the commit, or null
 */
public record EvidenceMetadata(
        int schema,
        String sha256,
        EvidenceFormat format,
        boolean compressed,
        String manifestKey,
        String controlOverride,
        String runUrl,
        String ciSystem,
        String pipelineName,
        String runId,
        int runAttempt,
        String revision) {
}
