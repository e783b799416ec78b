package io.jenkins.plugins.evidencesync;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * The options of a publish as the user configured them, shared by the Pipeline step and the freestyle build step so
 * that {@link PublishOptions#resolve} reads them in one place. Blank values fall back to the global configuration
 * ({@link EvidenceSyncConfiguration}) or to core's defaults.
 */
public interface PublishSettings {
    /** Ant-style include patterns, separated by commas or new lines; relative to the workspace. */
    String getIncludes();

    @CheckForNull
    String getExcludes();

    @CheckForNull
    String getBucket();

    @CheckForNull
    String getPrefix();

    @CheckForNull
    String getRegion();

    /** {@code error}, {@code warn} or {@code ignore}. */
    @CheckForNull
    String getIfNoFilesFound();

    /** A Hyperproof control id (UUID or controlIdentifier) every object is routed to. */
    @CheckForNull
    String getControlOverride();

    /** An S3-compatible endpoint instead of AWS. */
    @CheckForNull
    String getEndpointUrl();

    boolean isPathStyle();

    /** {@code AES256} (SSE-S3) or {@code aws:kms} (SSE-KMS); blank for none. */
    @CheckForNull
    String getSse();

    @CheckForNull
    String getKmsKeyId();

    /** Refuse files that are not ComplyBeacon evidence (on by default). */
    boolean isValidate();

    /** An "AWS Credentials" id; blank uses the global default, then the agent's own AWS credentials chain. */
    @CheckForNull
    String getCredentialsId();

    /** {@code fail}, {@code unstable} or {@code ignore}. */
    @CheckForNull
    String getFailurePolicy();

    boolean isDryRun();
}
