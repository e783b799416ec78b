package io.evidencesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.evidencesync.core.contract.RunManifest;
import io.evidencesync.sandbox.s3.S3SandboxExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** The build is read from Jenkins and GitLab CI variables, or from flags, which win; no CI and no flags is a usage error. */
class CiDetectionTest {
    @RegisterExtension
    static final S3SandboxExtension SANDBOX = new S3SandboxExtension(Sandbox.BUCKET);

    @TempDir
    Path workspace;
    @TempDir
    Path runnerTemp;

    private S3Client s3;
    private Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        s3 = Sandbox.client(SANDBOX.s3());
        env = new HashMap<>(Sandbox.awsEnvironment(SANDBOX.s3()));
        env.put("EVIDENCE_PATH", "build/**/*.json");
        Sandbox.copyFixture("otlp-logs-with-control.json", workspace.resolve("build/evidence/otlp.json"));
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    @Test
    void shouldDetectJenkinsFromItsStandardVariables() {
        env.put("JENKINS_URL", "https://ci.acme.example/");
        env.put("BUILD_URL", "https://ci.acme.example/job/platform/job/app/job/PR-7/12/");
        env.put("JOB_NAME", "platform/app/PR-7");
        env.put("JOB_URL", "https://ci.acme.example/job/platform/job/app/job/PR-7/");
        env.put("BUILD_NUMBER", "12");
        env.put("GIT_COMMIT", "abc123");
        env.put("GIT_URL", "https://github.com/acme/app.git");
        env.put("BRANCH_NAME", "PR-7");
        env.put("GIT_BRANCH", "origin/feature");
        env.put("CHANGE_ID", "7");
        env.put("BUILD_USER_ID", "jdoe");

        CliRun run = CliRun.run(env, workspace, "publish", "--path", "build/evidence/*.json");

        assertThat(run.exit()).as(run.toString()).isZero();
        String runPrefix = "evidence/jenkins/platform/app/PR-7/12/1/";
        assertThat(Sandbox.keys(s3)).containsExactlyInAnyOrder(runPrefix + "files/build/evidence/otlp.json",
                runPrefix + "manifest.json");
        RunManifest manifest = Sandbox.manifest(s3, runPrefix + "manifest.json");
        assertThat(manifest.provenance()).containsEntry("cicd.system", "jenkins")
                .containsEntry("cicd.pipeline.name", "platform/app/PR-7")
                .containsEntry("cicd.pipeline.run.id", "12")
                .containsEntry("cicd.pipeline.run.attempt", "1")
                .containsEntry("cicd.pipeline.run.url.full", "https://ci.acme.example/job/platform/job/app/job/PR-7/12/")
                .containsEntry("cicd.pipeline.task.run.url.full", "https://ci.acme.example/job/platform/job/app/job/PR-7/")
                .containsEntry("vcs.repository.url.full", "https://github.com/acme/app")
                .containsEntry("vcs.ref.head.revision", "abc123")
                .containsEntry("vcs.ref.head.name", "PR-7")
                .containsEntry("vcs.change.id", "7")
                .containsEntry("cicd.pipeline.run.actor", "jdoe");
        assertThat(run.out()).doesNotContain("::").contains("Published 1 evidence file (1 uploaded, 0 already published).");
    }

    @Test
    void shouldFallBackToGitBranchOnFreestyleJenkinsJobs() {
        env.put("BUILD_URL", "https://ci.acme.example/job/nightly/3/");
        env.put("JOB_NAME", "nightly");
        env.put("BUILD_NUMBER", "3");
        env.put("GIT_BRANCH", "origin/main");

        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(Sandbox.manifest(s3, "evidence/jenkins/nightly/3/1/manifest.json").provenance())
                .containsEntry("vcs.ref.head.name", "origin/main");
    }

    @Test
    void shouldDetectGitLabCiFromItsPredefinedVariables() {
        env.put("GITLAB_CI", "true");
        env.put("CI_PROJECT_PATH", "acme/platform/app");
        env.put("CI_PROJECT_URL", "https://gitlab.example.com/acme/platform/app");
        env.put("CI_PIPELINE_ID", "555");
        env.put("CI_PIPELINE_IID", "31");
        env.put("CI_PIPELINE_URL", "https://gitlab.example.com/acme/platform/app/-/pipelines/555");
        env.put("CI_JOB_URL", "https://gitlab.example.com/acme/platform/app/-/jobs/999");
        env.put("CI_JOB_NAME", "compliance");
        env.put("CI_COMMIT_SHA", "def456");
        env.put("CI_COMMIT_REF_NAME", "feature/x");
        env.put("CI_MERGE_REQUEST_IID", "8");
        env.put("GITLAB_USER_LOGIN", "maria");

        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).as(run.toString()).isZero();
        RunManifest manifest = Sandbox.manifest(s3, "evidence/gitlab-ci/acme/platform/app/555/1/manifest.json");
        assertThat(manifest.provenance()).containsEntry("cicd.system", "gitlab-ci")
                .containsEntry("cicd.pipeline.run.number", "31")
                .containsEntry("cicd.pipeline.run.url.full", "https://gitlab.example.com/acme/platform/app/-/pipelines/555")
                .containsEntry("cicd.pipeline.task.name", "compliance")
                .containsEntry("cicd.pipeline.task.run.url.full", "https://gitlab.example.com/acme/platform/app/-/jobs/999")
                .containsEntry("vcs.repository.url.full", "https://gitlab.example.com/acme/platform/app")
                .containsEntry("vcs.ref.head.revision", "def456")
                .containsEntry("vcs.ref.head.name", "feature/x")
                .containsEntry("vcs.change.id", "8")
                .containsEntry("cicd.pipeline.run.actor", "maria");
    }

    @Test
    void shouldLetExplicitFlagsWinOverDetectedValues() throws IOException {
        env.putAll(Sandbox.gitHubEnvironment(workspace, runnerTemp));

        CliRun run = CliRun.run(env, workspace, "publish", "--pipeline", "acme/app/release", "--run-attempt", "5",
                "--run-url", "https://ci.example/override", "--revision", "feedface");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(Sandbox.manifest(s3, "evidence/github-actions/acme/app/release/9001/5/manifest.json").provenance())
                .containsEntry("cicd.system", "github-actions")
                .containsEntry("cicd.pipeline.run.url.full", "https://ci.example/override")
                .containsEntry("vcs.ref.head.revision", "feedface")
                .containsEntry("cicd.pipeline.run.actor", "octocat");
    }

    @Test
    void shouldTakeTheWholeBuildFromFlagsOutsideAnyCi() {
        CliRun run = CliRun.run(env, workspace, "publish", "--ci-system", "buildkite", "--pipeline", "acme/app",
                "--run-id", "77", "--run-url", "https://buildkite.com/acme/app/builds/77", "--ref", "main");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(Sandbox.manifest(s3, "evidence/buildkite/acme/app/77/1/manifest.json").provenance())
                .containsEntry("cicd.pipeline.run.url.full", "https://buildkite.com/acme/app/builds/77")
                .containsEntry("vcs.ref.head.name", "main");
    }

    @Test
    void shouldExitWithUsageWhenNoCiIsDetectedAndTheBuildIsNotGiven() {
        CliRun run = CliRun.run(env, workspace, "publish", "--run-id", "1");

        assertThat(run.exit()).isEqualTo(EvidenceSyncCli.USAGE);
        assertThat(run.err()).contains("evidence-sync publish: no CI system detected (GitHub Actions, GitLab CI, Jenkins);"
                + " give the build explicitly: --ci-system, --pipeline, --run-url");
        assertThat(Sandbox.keys(s3)).isEmpty();
    }
}
