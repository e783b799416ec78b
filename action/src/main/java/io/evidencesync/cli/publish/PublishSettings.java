package io.evidencesync.cli.publish;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.evidencesync.cli.CliContext;
import io.evidencesync.cli.UsageException;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.discovery.EvidenceDiscovery;
import io.evidencesync.core.discovery.IfNoFilesFound;
import io.evidencesync.core.publish.Encryption;

/**
 * The publish options after flags, environment and defaults were combined and checked, once, up front: every wrong
 * value is a {@link UsageException} naming the option, the action input and the variable.
 *
 * @param bucket         the evidence bucket
 * @param prefix         the key prefix
 * @param region         the AWS region, or null for the SDK's region chain
 * @param includes       include patterns (empty: core's defaults)
 * @param excludes       exclude patterns
 * @param baseDirectory  the directory the patterns are relative to
 * @param ifNoFilesFound what to do when nothing matches
 * @param control        the Hyperproof control override, or null
 * @param endpoint       a custom S3 endpoint, or null
 * @param pathStyle      path-style addressing
 * @param encryption     server-side encryption
 * @param validate       refuse files that are not ComplyBeacon evidence
 * @param dryRun         plan only
 * @param concurrency    files uploaded at once
 */
public record PublishSettings(String bucket, String prefix, String region, List<String> includes, List<String> excludes,
                              Path baseDirectory, IfNoFilesFound ifNoFilesFound, String control, URI endpoint,
                              boolean pathStyle, Encryption encryption, boolean validate, boolean dryRun,
                              int concurrency) {
    public static final String DEFAULT_PREFIX = "evidence";

    static PublishSettings resolve(PublishCommand command, CliContext context) {
        Source source = new Source(context);
        String bucket = source.text("--bucket", command.bucket);
        if (bucket == null) {
            throw new UsageException(ActionEnvironment.describe("--bucket") + " is required: name the evidence bucket");
        }
        String prefix = source.text("--prefix", command.prefix);
        prefix = prefix == null ? DEFAULT_PREFIX : prefix;
        try {
            EvidenceContract.normalizePrefix(prefix);
        } catch (EvidenceException e) {
            throw new UsageException(ActionEnvironment.describe("--prefix") + ": " + e.getMessage(), e);
        }
        String region = source.text("--region", command.region);
        if (region == null) {
            region = context.get("AWS_REGION") != null ? context.get("AWS_REGION") : context.get("AWS_DEFAULT_REGION");
        }
        IfNoFilesFound ifNoFilesFound;
        Encryption encryption;
        try {
            ifNoFilesFound = IfNoFilesFound.parse(source.text("--if-no-files-found", command.ifNoFilesFound),
                    ActionEnvironment.describe("--if-no-files-found"));
            encryption = Encryption.parse(source.text("--sse", command.sse), source.text("--kms-key-id", command.kmsKeyId),
                    ActionEnvironment.describe("--sse"));
        } catch (EvidenceException e) {
            throw new UsageException(e.getMessage(), e);
        }
        boolean validate = command.noValidate ? false : source.bool("--validate", command.validate, true);
        if (command.concurrency < 1 || command.concurrency > 256) {
            throw new UsageException("--concurrency: must be between 1 and 256, was " + command.concurrency);
        }
        Path baseDirectory = baseDirectory(source, command, context);
        URI endpoint = endpoint(source.text("--endpoint-url", command.endpointUrl));
        List<String> paths = source.list("--path", command.paths);
        if (EvidenceDiscovery.splitPatterns(paths).isEmpty()) {
            // no default: a whole checkout also holds JSON that is not evidence (package.json, tsconfig.json), and
            // validation would refuse the run for it
            throw new UsageException(ActionEnvironment.describe("--path") + " is required: name the evidence files,"
                    + " e.g. 'reports/**/*.json' (patterns relative to the base directory)");
        }
        return new PublishSettings(bucket.strip(), prefix, region, paths, source.list("--exclude", command.excludes),
                baseDirectory, ifNoFilesFound, source.text("--control", command.control), endpoint,
                source.bool("--path-style", command.pathStyle, false), encryption, validate,
                source.bool("--dry-run", command.dryRun, false), command.concurrency);
    }

    private static Path baseDirectory(Source source, PublishCommand command, CliContext context) {
        String value = source.text("--base-dir", command.baseDir);
        // on GitHub, paths are the workspace's (as in actions/upload-artifact), wherever the step's shell is
        Path root = context.workingDirectory();
        if (context.isTrue("GITHUB_ACTIONS") && context.get("GITHUB_WORKSPACE") != null) {
            root = context.workingDirectory().resolve(context.get("GITHUB_WORKSPACE"));
        }
        if (value == null) {
            return root.normalize();
        }
        try {
            return root.resolve(value.strip()).normalize();
        } catch (InvalidPathException e) {
            throw new UsageException(ActionEnvironment.describe("--base-dir") + ": '" + value + "' is not a path", e);
        }
    }

    private static URI endpoint(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new UsageException(ActionEnvironment.describe("--endpoint-url") + ": '" + value
                        + "' is not an http(s) URL such as https://s3.example.com");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException(ActionEnvironment.describe("--endpoint-url") + ": '" + value + "' is not a URL", e);
        }
    }

    /** Flag first, then the variable; blank counts as absent (an action input left empty). */
    private record Source(CliContext context) {
        String text(String option, String flag) {
            if (flag != null && !flag.isBlank()) {
                return flag.strip();
            }
            String value = context.get(ActionEnvironment.variable(option));
            return value == null ? null : value.strip();
        }

        List<String> list(String option, List<String> flags) {
            if (flags != null && flags.stream().anyMatch(flag -> !flag.isBlank())) {
                return List.copyOf(flags);
            }
            String value = context.get(ActionEnvironment.variable(option));
            return value == null ? List.of() : List.of(value);
        }

        boolean bool(String option, Boolean flag, boolean fallback) {
            if (flag != null) {
                return flag;
            }
            String value = context.get(ActionEnvironment.variable(option));
            if (value == null) {
                return fallback;
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new UsageException(ActionEnvironment.describe(option) + ": '" + value
                        + "' is not true or false");
            };
        }
    }
}
