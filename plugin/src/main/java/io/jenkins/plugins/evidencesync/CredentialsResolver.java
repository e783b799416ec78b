package io.jenkins.plugins.evidencesync;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import java.util.Collections;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Resolves the AWS credentials of one publish on the controller: the "AWS Credentials" entry named by
 * {@code credentialsId}, looked up in the build's context (folder and global stores, as the user the build runs as)
 * and recorded as used by the build. Role assumption happens here, through the aws-credentials plugin; plain IAM
 * user keys are exchanged for a 15-minute session via STS unless the target is a custom S3 endpoint. Without an id
 * the node doing the upload uses its own AWS SDK default chain.
 */
final class CredentialsResolver {
    private final SessionTokenExchange exchange;

    CredentialsResolver(SessionTokenExchange exchange) {
        this.exchange = exchange;
    }

    /**
     * @param run     the build, the context of the lookup and the owner of the usage record
     * @param options the publish options (credentials id, region, endpoint)
     * @return what to give the upload
     * @throws AbortException when the id names nothing usable or the credentials cannot be resolved
     */
    AgentCredentials resolve(Run<?, ?> run, PublishOptions options) throws AbortException {
        String id = options.credentialsId();
        if (id == null) {
            return AgentCredentials.nodeDefaultChain();
        }
        AmazonWebServicesCredentials credentials = CredentialsProvider.findCredentialById(id,
                AmazonWebServicesCredentials.class, run, Collections.emptyList());
        if (credentials == null) {
            throw new AbortException(Messages.CredentialsResolver_NotFound(id));
        }
        CredentialsProvider.track(run, credentials);
        AwsCredentials resolved = resolveOrAbort(id, credentials);
        if (resolved instanceof AwsSessionCredentials session) {
            return AgentCredentials.session(AgentCredentials.Source.ASSUMED_ROLE, session);
        }
        AwsBasicCredentials keys = AwsBasicCredentials.create(resolved.accessKeyId(), resolved.secretAccessKey());
        if (options.endpointUrl() != null) {
            // S3-compatible stores (MinIO, Ceph, the sandbox) have no STS: the keys themselves go to the upload
            return AgentCredentials.staticKeys(keys);
        }
        try {
            return AgentCredentials.session(AgentCredentials.Source.SESSION_TOKEN,
                    exchange.exchange(keys, options.region()));
        } catch (SdkException e) {
            throw new AbortException(Messages.CredentialsResolver_SessionFailed(id, firstLine(e.getMessage())));
        }
    }

    private static AwsCredentials resolveOrAbort(String id, AmazonWebServicesCredentials credentials)
            throws AbortException {
        AwsCredentials resolved;
        try {
            resolved = credentials.resolveCredentials();
        } catch (SdkException e) {
            // typically the role assumption: the message names the role and STS's reason, never a key
            throw new AbortException(Messages.CredentialsResolver_ResolveFailed(id, firstLine(e.getMessage())));
        }
        if (resolved == null) {
            throw new AbortException(Messages.CredentialsResolver_Empty(id));
        }
        return resolved;
    }

    private static String firstLine(@CheckForNull String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
