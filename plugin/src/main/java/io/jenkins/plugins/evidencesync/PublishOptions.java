package io.jenkins.plugins.evidencesync;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Util;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.discovery.EvidenceDiscovery;
import io.evidencesync.core.discovery.IfNoFilesFound;
import io.evidencesync.core.publish.Encryption;
import java.net.URI;
import java.util.List;

/**
 * One publish's options after the global defaults were applied and every value was checked, built once by both entry
 * points. Invalid values fail here, on the controller, with a message naming the option, before anything is
 * resolved or uploaded; the failure policy does not apply to them.
 *
 * @param includes        include patterns (split)
 * @param excludes        exclude patterns (split)
 * @param bucket          the evidence bucket
 * @param prefix          the key prefix, normalized by core
 * @param region          the AWS region, or null for the agent's SDK region chain
 * @param ifNoFilesFound  {@code ERROR}, {@code WARN} or {@code IGNORE}
 * @param controlOverride the Hyperproof control override, or null
 * @param endpointUrl     a custom S3 endpoint, or null for AWS
 * @param pathStyle       path-style addressing
 * @param sse             the server-side encryption as the user wrote it (parsed again by core on the agent)
 * @param kmsKeyId        the KMS key for SSE-KMS, or null
 * @param validate        refuse files that are not ComplyBeacon evidence
 * @param credentialsId   the AWS credentials id, or null for the agent's default chain
 * @param failurePolicy   what a failed publish does to the build
 * @param dryRun          validate and plan only
 */
public record PublishOptions(
        List<String> includes,
        List<String> excludes,
        String bucket,
        String prefix,
        @CheckForNull String region,
        String ifNoFilesFound,
        @CheckForNull String controlOverride,
        @CheckForNull URI endpointUrl,
        boolean pathStyle,
        @CheckForNull String sse,
        @CheckForNull String kmsKeyId,
        boolean validate,
        @CheckForNull String credentialsId,
        FailurePolicy failurePolicy,
        boolean dryRun) {

    /** The prefix when neither the step nor the global configuration sets one (the CLI's default too). */
    static final String DEFAULT_PREFIX = "evidence";

    /**
     * Applies the global defaults to the user's settings and checks every value.
     *
     * @param settings the step's or build step's settings
     * @param defaults the global configuration's defaults
     * @return the options to publish with
     * @throws AbortException naming the invalid option
     */
    static PublishOptions resolve(PublishSettings settings, EvidenceSyncConfiguration.Defaults defaults)
            throws AbortException {
        List<String> includes = EvidenceDiscovery.splitPatterns(List.of(Util.fixNull(settings.getIncludes())));
        if (includes.isEmpty()) {
            throw new AbortException(Messages.PublishOptions_NoIncludes());
        }
        String bucket = firstNonBlank(settings.getBucket(), defaults.bucket());
        if (bucket == null) {
            throw new AbortException(Messages.PublishOptions_NoBucket());
        }
        try {
            String prefix = EvidenceContract.normalizePrefix(
                    firstNonBlankOr(DEFAULT_PREFIX, settings.getPrefix(), defaults.prefix()));
            String ifNoFilesFound = IfNoFilesFound.parse(settings.getIfNoFilesFound(), "ifNoFilesFound").name();
            Encryption.parse(settings.getSse(), settings.getKmsKeyId(), "sse");
            return new PublishOptions(includes,
                    EvidenceDiscovery.splitPatterns(List.of(Util.fixNull(settings.getExcludes()))),
                    bucket, prefix,
                    firstNonBlank(settings.getRegion(), defaults.region()),
                    ifNoFilesFound,
                    Util.fixEmptyAndTrim(settings.getControlOverride()),
                    endpoint(settings.getEndpointUrl()),
                    settings.isPathStyle(),
                    Util.fixEmptyAndTrim(settings.getSse()),
                    Util.fixEmptyAndTrim(settings.getKmsKeyId()),
                    settings.isValidate(),
                    firstNonBlank(settings.getCredentialsId(), defaults.credentialsId()),
                    FailurePolicy.parse(settings.getFailurePolicy()),
                    settings.isDryRun());
        } catch (EvidenceException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** Parses {@code endpointUrl}: blank for AWS, else an absolute http(s) URL. */
    @CheckForNull
    static URI endpoint(@CheckForNull String value) throws AbortException {
        String trimmed = Util.fixEmptyAndTrim(value);
        if (trimmed == null) {
            return null;
        }
        try {
            URI uri = new URI(trimmed);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new AbortException(Messages.PublishOptions_InvalidEndpoint(value));
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new AbortException(Messages.PublishOptions_InvalidEndpoint(value));
        }
    }

    @CheckForNull
    private static String firstNonBlank(@CheckForNull String first, @CheckForNull String second) {
        String value = Util.fixEmptyAndTrim(first);
        return value != null ? value : Util.fixEmptyAndTrim(second);
    }

    private static String firstNonBlankOr(String fallback, @CheckForNull String first, @CheckForNull String second) {
        String value = firstNonBlank(first, second);
        return value != null ? value : fallback;
    }
}
