package io.evidencesync.core.publish;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.discovery.IfNoFilesFound;
import io.evidencesync.core.provenance.BuildProvenance;

/**
 * What to publish and where: one immutable value built once by each adapter (CLI, Jenkins) from its own inputs.
 *
 * @param bucket          the evidence bucket
 * @param prefix          the key prefix (may be empty)
 * @param baseDirectory   the directory the patterns are relative to
 * @param includes        Ant-style include patterns
 * @param excludes        Ant-style exclude patterns
 * @param ifNoFilesFound  what to do when nothing matches
 * @param controlOverride a Hyperproof control (UUID or controlIdentifier) every object is routed to, or null
 * @param allowOpaque     publish files that are not ComplyBeacon evidence, unparsed (off by default)
 * @param encryption      server-side encryption
 * @param provenance      the build
 * @param dryRun          discover, validate and plan keys, but write nothing
 * @param extraProvenance CI-specific facts the contract has no attribute for (e.g. {@code github.workflow.ref}),
 *                        written to the run manifest beside the provenance; keys outside {@code cicd.*} and
 *                        {@code vcs.*}
 */
public record PublishRequest(
        String bucket,
        String prefix,
        Path baseDirectory,
        List<String> includes,
        List<String> excludes,
        IfNoFilesFound ifNoFilesFound,
        String controlOverride,
        boolean allowOpaque,
        Encryption encryption,
        BuildProvenance provenance,
        boolean dryRun,
        Map<String, String> extraProvenance) {

    public PublishRequest {
        if (bucket == null || bucket.isBlank()) {
            throw new EvidenceException("bucket: no evidence bucket given");
        }
        bucket = bucket.strip();
        if (bucket.length() < 3 || bucket.length() > 63) {
            throw new EvidenceException("bucket: '" + bucket + "' is not a valid S3 bucket name (3 to 63 characters)");
        }
        if (baseDirectory == null) {
            throw new EvidenceException("no evidence base directory given");
        }
        if (provenance == null) {
            throw new EvidenceException("no build provenance given");
        }
        prefix = prefix == null ? "" : prefix;
        includes = includes == null ? List.of() : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        ifNoFilesFound = ifNoFilesFound == null ? IfNoFilesFound.ERROR : ifNoFilesFound;
        controlOverride = controlOverride == null || controlOverride.isBlank() ? null : controlOverride.strip();
        encryption = encryption == null ? Encryption.none() : encryption;
        // sorted once, so that the manifest lists them in a stable order
        extraProvenance = Collections.unmodifiableMap(new TreeMap<>(extraProvenance == null ? Map.of() : extraProvenance));
        for (String key : extraProvenance.keySet()) {
            if (key.startsWith("cicd.") || key.startsWith("vcs.") || !key.contains(".")) {
                throw new EvidenceException("extra provenance: '" + key + "' is not a namespaced key outside cicd.* and"
                        + " vcs.* (those are the contract's own attributes)");
            }
        }
    }

    /** The run manifest's provenance: the contract's attributes, then the CI-specific extras sorted by key. */
    public Map<String, String> manifestProvenance() {
        Map<String, String> attributes = new LinkedHashMap<>(provenance.toAttributes());
        attributes.putAll(extraProvenance);
        return attributes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PublishRequest}. */
    public static final class Builder {
        private String bucket;
        private String prefix = "evidence";
        private Path baseDirectory;
        private List<String> includes = List.of("**/*.json", "**/*.jsonl", "**/*.json.gz", "**/*.jsonl.gz");
        private List<String> excludes = List.of();
        private IfNoFilesFound ifNoFilesFound = IfNoFilesFound.ERROR;
        private String controlOverride;
        private boolean allowOpaque;
        private Encryption encryption = Encryption.none();
        private BuildProvenance provenance;
        private boolean dryRun;
        private Map<String, String> extraProvenance = Map.of();

        private Builder() {
        }

        public Builder bucket(String value) {
            bucket = value;
            return this;
        }

        public Builder prefix(String value) {
            prefix = value;
            return this;
        }

        public Builder baseDirectory(Path value) {
            baseDirectory = value;
            return this;
        }

        public Builder includes(List<String> value) {
            includes = value;
            return this;
        }

        public Builder excludes(List<String> value) {
            excludes = value;
            return this;
        }

        public Builder ifNoFilesFound(IfNoFilesFound value) {
            ifNoFilesFound = value;
            return this;
        }

        public Builder controlOverride(String value) {
            controlOverride = value;
            return this;
        }

        public Builder allowOpaque(boolean value) {
            allowOpaque = value;
            return this;
        }

        public Builder encryption(Encryption value) {
            encryption = value;
            return this;
        }

        public Builder provenance(BuildProvenance value) {
            provenance = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        public Builder extraProvenance(Map<String, String> value) {
            extraProvenance = value;
            return this;
        }

        public PublishRequest build() {
            return new PublishRequest(bucket, prefix, baseDirectory, includes, excludes, ifNoFilesFound,
                    controlOverride, allowOpaque, encryption, provenance, dryRun, extraProvenance);
        }
    }
}
