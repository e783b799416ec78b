package io.jenkins.plugins.evidencesync;

import hudson.AbortException;
import hudson.Util;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.publish.EvidencePublisher;
import io.evidencesync.core.publish.PublishResult;
import io.evidencesync.core.publish.PublishedObject;
import io.evidencesync.core.publish.PublisherOptions;
import io.evidencesync.core.s3.S3ClientFactory;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Publishes the workspace's evidence from the node the workspace is on (controller or agent), so the bytes go
 * straight from that node to S3. Everything it carries crosses the remoting channel: the spec, the listener and the
 * credentials (which exist nowhere else on the agent). Failures come back as {@link AbortException}s with core's
 * message only: the AWS SDK's exception types are not on Jenkins' class filter whitelist and must not travel back.
 */
final class EvidenceUpload extends MasterToSlaveFileCallable<UploadReport> {
    private static final long serialVersionUID = 1L;

    private final UploadSpec spec;
    private final AgentCredentials credentials;
    private final TaskListener listener;

    EvidenceUpload(UploadSpec spec, AgentCredentials credentials, TaskListener listener) {
        this.spec = spec;
        this.credentials = credentials;
        this.listener = listener;
    }

    @Override
    public UploadReport invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Path base = workspace.toPath();
        try (SdkHttpClient http = ApacheHttpClient.builder().build();
             S3Client s3 = S3ClientFactory.create(spec.toS3Settings(credentials.toProvider()), http)) {
            PublishResult result = new EvidencePublisher(s3, PublisherOptions.defaults(spec.producer()))
                    .publish(spec.toRequest(base), new ConsolePublishListener(listener.getLogger(), spec.bucket()));
            List<PublishedEvidence> objects = new ArrayList<>();
            for (PublishedObject object : result.objects()) {
                objects.add(new PublishedEvidence(object, Util.getDigestOf(base.resolve(object.path()).toFile())));
            }
            return new UploadReport(result.bucket(), result.manifestKey(), result.manifestVersionId(),
                    result.dryRun(), objects);
        } catch (EvidenceException e) {
            throw new AbortException(e.getMessage());
        } catch (RuntimeException e) {
            // an SDK or JDK failure core did not describe: keep the message, drop the (unfilterable) cause
            throw new AbortException(Messages.EvidenceUpload_Unexpected(e.getClass().getName(), e.getMessage()));
        }
    }
}
