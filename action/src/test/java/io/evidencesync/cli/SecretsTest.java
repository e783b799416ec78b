package io.evidencesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.evidencesync.sandbox.s3.S3SandboxExtension;

/**
 * Credentials given to the step (as aws-actions/configure-aws-credentials exports them) never reach the log, the
 * step outputs or the job summary: not on success, not when S3 refuses them. The account id of a role is masked.
 */
class SecretsTest {
    @RegisterExtension
    static final S3SandboxExtension SANDBOX = new S3SandboxExtension(Sandbox.BUCKET);

    @TempDir
    Path workspace;
    @TempDir
    Path runnerTemp;

    private Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        env = new HashMap<>(Sandbox.gitHubEnvironment(workspace, runnerTemp));
        env.putAll(Sandbox.awsEnvironment(SANDBOX.s3()));
        env.put("EVIDENCE_PATH", "evidence/*.json");
        Sandbox.copyFixture("otlp-logs-with-control.json", workspace.resolve("evidence/otlp.json"));
        Files.writeString(workspace.resolve("evidence/bad.json"), "{nope");
    }

    @Test
    void shouldNotPrintTheEnvironmentWhenTheContextIsPrinted() {
        env.put("AWS_SESSION_TOKEN", Sandbox.SECRET_SESSION_TOKEN);

        CliContext context = new CliContext(env, System.out, System.err, workspace);

        assertThat(context.toString()).doesNotContain(Sandbox.SECRET_SESSION_TOKEN)
                .doesNotContain(SANDBOX.s3().secretKey()).contains(workspace.toAbsolutePath().normalize().toString());
    }

    @Test
    void shouldKeepSecretsOutOfEveryChannelWhenPublishingFails() throws IOException {
        env.put("AWS_SESSION_TOKEN", Sandbox.SECRET_SESSION_TOKEN);

        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).isEqualTo(EvidenceSyncCli.FAILED);
        assertThat(run.out()).contains("AWS credentials: environment variables (AWS_ACCESS_KEY_ID with AWS_SESSION_TOKEN)");
        assertNoSecretAnywhere(run, SANDBOX.s3().secretKey(), Sandbox.SECRET_SESSION_TOKEN);
    }

    @Test
    void shouldKeepSecretsOutOfEveryChannelWhenS3RefusesTheCredentials() throws IOException {
        Files.delete(workspace.resolve("evidence/bad.json"));
        String wrongSecret = "wrong-secret-ShouldNeverBePrinted-0123456789";
        env.put("AWS_SECRET_ACCESS_KEY", wrongSecret);
        env.put("AWS_SESSION_TOKEN", Sandbox.SECRET_SESSION_TOKEN);

        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).as(run.toString()).isEqualTo(EvidenceSyncCli.FAILED);
        assertThat(run.err()).contains("S3 rejected the credentials");
        assertNoSecretAnywhere(run, wrongSecret, Sandbox.SECRET_SESSION_TOKEN);
    }

    @Test
    void shouldKeepSecretsOutOfEveryChannelOnSuccessAndMaskTheRoleAccount() throws IOException {
        Files.delete(workspace.resolve("evidence/bad.json"));
        env.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/evidence-publisher");
        env.put("AWS_SESSION_TOKEN", Sandbox.SECRET_SESSION_TOKEN);

        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("::add-mask::123456789012\n");
        assertThat(run.out().substring("::add-mask::123456789012\n".length())).doesNotContain("123456789012");
        assertNoSecretAnywhere(run, SANDBOX.s3().secretKey(), Sandbox.SECRET_SESSION_TOKEN, "123456789012");
    }

    @Test
    void shouldMaskTheAccountOfTheKmsKeyGivenToTheAction() throws IOException {
        Files.delete(workspace.resolve("evidence/bad.json"));
        env.put("EVIDENCE_SSE", "aws:kms");
        env.put("EVIDENCE_KMS_KEY_ID", "arn:aws:kms:us-east-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab");

        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("::add-mask::210987654321\n");
    }

    private void assertNoSecretAnywhere(CliRun run, String... secrets) throws IOException {
        String output = Files.readString(runnerTemp.resolve("output.txt"), StandardCharsets.UTF_8);
        String summary = Files.readString(runnerTemp.resolve("summary.md"), StandardCharsets.UTF_8);
        for (String secret : secrets) {
            if (!secret.equals("123456789012")) {
                assertThat(run.all()).doesNotContain(secret);
            }
            assertThat(output).doesNotContain(secret);
            assertThat(summary).doesNotContain(secret);
        }
    }
}
