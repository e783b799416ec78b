package io.jenkins.plugins.evidencesync;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.util.Secret;
import java.io.Serializable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The AWS credentials one upload uses, carried from the controller to the workspace's node inside
 * {@link EvidenceUpload} and nowhere else: never put into the environment, a file, the build's XML or the log.
 * Instances live only for one {@code FilePath.act} call; the step execution and the build action do not hold them.
 * Either short-lived session credentials (resolved on the controller), static keys (only for custom S3 endpoints,
 * which have no STS), or "none": the node's own AWS SDK default chain.
 */
final class AgentCredentials implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the credentials came from; printed in the console instead of any key material. */
    enum Source { NODE_DEFAULT_CHAIN, ASSUMED_ROLE, SESSION_TOKEN, STATIC_KEYS }

    private final Source source;
    @CheckForNull
    private final String accessKeyId;
    @CheckForNull
    private final Secret secretAccessKey;
    @CheckForNull
    private final Secret sessionToken;

    private AgentCredentials(Source source, @CheckForNull String accessKeyId, @CheckForNull Secret secretAccessKey,
                             @CheckForNull Secret sessionToken) {
        this.source = source;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
    }

    /** No credentials from Jenkins: the node's SDK default chain (environment, profile, web identity, instance role). */
    static AgentCredentials nodeDefaultChain() {
        return new AgentCredentials(Source.NODE_DEFAULT_CHAIN, null, null, null);
    }

    static AgentCredentials session(Source source, AwsSessionCredentials credentials) {
        return new AgentCredentials(source, credentials.accessKeyId(), Secret.fromString(credentials.secretAccessKey()),
                Secret.fromString(credentials.sessionToken()));
    }

    static AgentCredentials staticKeys(AwsBasicCredentials credentials) {
        return new AgentCredentials(Source.STATIC_KEYS, credentials.accessKeyId(),
                Secret.fromString(credentials.secretAccessKey()), null);
    }

    Source source() {
        return source;
    }

    /** The SDK provider for the S3 client, or null for the SDK's default chain. Call on the node doing the upload. */
    @CheckForNull
    AwsCredentialsProvider toProvider() {
        if (source == Source.NODE_DEFAULT_CHAIN || accessKeyId == null || secretAccessKey == null) {
            return null;
        }
        if (sessionToken != null) {
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(accessKeyId,
                    secretAccessKey.getPlainText(), sessionToken.getPlainText()));
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey.getPlainText()));
    }

    @Override
    public String toString() {
        return "AgentCredentials[" + source + "]";
    }
}
