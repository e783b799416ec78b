package io.jenkins.plugins.evidencesync;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The secret key of the AWS credentials reaches the upload and nothing else: not the console, not a file of the
 * build or the job, not a file on the agent, not the agent's environment; nor, when S3 rejects it, the failure.
 */
@WithJenkins
class CredentialsMaskingITest {
    private static SandboxS3Process s3;

    @BeforeAll
    static void startSandbox() throws Exception {
        s3 = SandboxS3Process.start();
    }

    @AfterAll
    static void stopSandbox() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void shouldKeepTheSecretKeyOutOfTheLogTheBuildDirectoryAndTheAgent(JenkinsRule j) throws Exception {
        SandboxCredentials.store(s3);
        DumbSlave agent = j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('" + agent.getNodeName() + "') {\n"
                + Evidence.OTLP.writeFileStep()
                + "  publishEvidence includes: 'reports/*.json', bucket: '" + s3.bucket() + "', region: '" + s3.region()
                + "', endpointUrl: '" + s3.endpoint() + "', pathStyle: true, credentialsId: '" + SandboxCredentials.ID
                + "'\n"
                + "  if (isUnix()) { sh 'env | sort' } else { bat 'set' }\n"
                + "}", true));

        WorkflowRun build = j.buildAndAssertSuccess(job);

        String secret = s3.secretKey();
        j.assertLogContains("published 1 object(s)", build);
        j.assertLogNotContains(secret, build);
        j.assertLogNotContains("AWS_SECRET_ACCESS_KEY", build);
        assertThat(filesContaining(build.getRootDir().toPath(), secret)).isEmpty();
        assertThat(filesContaining(job.getRootDir().toPath(), secret)).isEmpty();
        assertThat(filesContaining(Path.of(agent.getRemoteFS()), secret)).isEmpty();
    }

    @Test
    void shouldKeepARejectedSecretKeyOutOfTheFailureTheLogAndTheBuildDirectory(JenkinsRule j) throws Exception {
        String rejected = "rejected-secret-" + UUID.randomUUID();
        SandboxCredentials.store("sandbox-aws-rejected", s3.accessKey(), rejected);
        WorkflowJob job = j.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + Evidence.OTLP.writeFileStep()
                + "  publishEvidence includes: 'reports/*.json', bucket: '" + s3.bucket() + "', region: '" + s3.region()
                + "', endpointUrl: '" + s3.endpoint() + "', pathStyle: true, credentialsId: 'sandbox-aws-rejected'\n"
                + "}", true));

        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("S3 rejected the credentials", build);
        j.assertLogNotContains(rejected, build);
        j.assertLogNotContains("Signature=", build);
        assertThat(build.getAction(EvidenceAction.class)).isNull();
        assertThat(filesContaining(build.getRootDir().toPath(), rejected)).isEmpty();
        assertThat(filesContaining(job.getRootDir().toPath(), rejected)).isEmpty();
    }

    private static List<Path> filesContaining(Path root, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> contains(read(file), needle)).toList();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
