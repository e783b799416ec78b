package io.jenkins.plugins.evidencesync;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.evidencesync.core.discovery.IfNoFilesFound;
import io.evidencesync.core.provenance.BuildProvenance;
import io.evidencesync.core.publish.Encryption;
import io.evidencesync.core.publish.PublishRequest;
import io.evidencesync.core.s3.S3Settings;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the node doing the upload needs, in types that cross the remoting channel (strings, lists, maps): core's
 * request and settings are rebuilt from it on that node ({@link #toRequest}, {@link #toS3Settings}), because core's
 * classes are not serializable and not on Jenkins' class filter whitelist.
 */
final class UploadSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String bucket;
    private final String prefix;
    private final ArrayList<String> includes;
    private final ArrayList<String> excludes;
    private final String ifNoFilesFound;
    @CheckForNull
    private final String controlOverride;
    private final boolean validate;
    @CheckForNull
    private final String sse;
    @CheckForNull
    private final String kmsKeyId;
    private final boolean dryRun;
    @CheckForNull
    private final String region;
    @CheckForNull
    private final String endpointUrl;
    private final boolean pathStyle;
    private final LinkedHashMap<String, String> provenance;
    private final String producer;

    UploadSpec(PublishOptions options, BuildProvenance provenance, String producer) {
        this.bucket = options.bucket();
        this.prefix = options.prefix();
        this.includes = new ArrayList<>(options.includes());
        this.excludes = new ArrayList<>(options.excludes());
        this.ifNoFilesFound = options.ifNoFilesFound();
        this.controlOverride = options.controlOverride();
        this.validate = options.validate();
        this.sse = options.sse();
        this.kmsKeyId = options.kmsKeyId();
        this.dryRun = options.dryRun();
        this.region = options.region();
        this.endpointUrl = options.endpointUrl() == null ? null : options.endpointUrl().toString();
        this.pathStyle = options.pathStyle();
        this.provenance = new LinkedHashMap<>(provenance.toAttributes());
        this.producer = producer;
    }

    String bucket() {
        return bucket;
    }

    String producer() {
        return producer;
    }

    boolean dryRun() {
        return dryRun;
    }

    /** Core's request for evidence below {@code baseDirectory} (the workspace on the node doing the upload). */
    PublishRequest toRequest(Path baseDirectory) {
        return PublishRequest.builder()
                .bucket(bucket)
                .prefix(prefix)
                .baseDirectory(baseDirectory)
                .includes(includes)
                .excludes(excludes)
                .ifNoFilesFound(IfNoFilesFound.parse(ifNoFilesFound, "ifNoFilesFound"))
                .controlOverride(controlOverride)
                .allowOpaque(!validate)
                .encryption(Encryption.parse(sse, kmsKeyId, "sse"))
                .provenance(BuildProvenance.fromAttributes(provenance))
                .dryRun(dryRun)
                .build();
    }

    /** Core's S3 settings with the given credentials provider (null: the SDK default chain of this node). */
    S3Settings toS3Settings(@CheckForNull software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
        return new S3Settings(region, endpointUrl == null ? null : URI.create(endpointUrl), pathStyle, credentials,
                S3Settings.DEFAULT_MAX_ATTEMPTS);
    }

    /** The provenance attributes, for tests and the console. */
    Map<String, String> provenance() {
        return provenance;
    }

    List<String> includes() {
        return includes;
    }
}
