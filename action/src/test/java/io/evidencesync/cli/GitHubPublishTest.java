package io.evidencesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.evidencesync.core.contract.ManifestEntry;
import io.evidencesync.core.contract.RunManifest;
import io.evidencesync.sandbox.s3.S3SandboxExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The CLI as the action runs it: a simulated GitHub Actions step against the S3 sandbox. */
class GitHubPublishTest {
    @RegisterExtension
    static final S3SandboxExtension SANDBOX = new S3SandboxExtension(Sandbox.BUCKET);

    private static final String RUN_PREFIX = "evidence/github-actions/acme/app/CI/9001/2/";

    @TempDir
    Path workspace;
    @TempDir
    Path runnerTemp;

    private S3Client s3;
    private Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        s3 = Sandbox.client(SANDBOX.s3());
        env = new java.util.HashMap<>(Sandbox.gitHubEnvironment(workspace, runnerTemp));
        env.putAll(Sandbox.awsEnvironment(SANDBOX.s3()));
        env.put("EVIDENCE_JOB_ID", "51725241954");
        env.put("EVIDENCE_PATH", "reports/**/*.json\nscans/*.json");
        Sandbox.copyFixture("otlp-logs-with-control.json", workspace.resolve("reports/otlp-logs-with-control.json"));
        Sandbox.copyFixture("otlp-logs.json", workspace.resolve("reports/nested/otlp-logs.json"));
        Sandbox.copyFixture("ocsf-scan-activity.json", workspace.resolve("scans/ocsf scan.json"));
        Files.writeString(workspace.resolve("package.json"), "{\"name\":\"not evidence\"}");
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    @Test
    void shouldPublishTheFixturesWithBuildLinkMetadataAndManifest() {
        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(Sandbox.keys(s3)).containsExactlyInAnyOrder(
                RUN_PREFIX + "files/reports/otlp-logs-with-control.json",
                RUN_PREFIX + "files/reports/nested/otlp-logs.json",
                RUN_PREFIX + "files/scans/ocsf%20scan.json",
                RUN_PREFIX + "manifest.json");
        HeadObjectResponse head = s3.headObject(b -> b.bucket(Sandbox.BUCKET)
                .key(RUN_PREFIX + "files/reports/otlp-logs-with-control.json"));
        assertThat(head.metadata())
                .containsEntry("cicd-system", "github-actions")
                .containsEntry("cicd-pipeline-name", "acme/app/CI")
                .containsEntry("cicd-run-id", "9001")
                .containsEntry("cicd-run-attempt", "2")
                .containsEntry("cicd-run-url", "https://github.com/acme/app/actions/runs/9001/attempts/2")
                .containsEntry("vcs-revision", "c0ffee0000000000000000000000000000000000")
                .containsEntry("evidence-manifest", RUN_PREFIX + "manifest.json")
                .containsEntry("evidence-format", "otlp-json")
                .doesNotContainKey("hyperproof-control");

        RunManifest manifest = Sandbox.manifest(s3, RUN_PREFIX + "manifest.json");
        assertThat(manifest.provenance())
                .containsEntry("cicd.pipeline.run.url.full", "https://github.com/acme/app/actions/runs/9001/attempts/2")
                .containsEntry("cicd.pipeline.run.number", "17")
                .containsEntry("cicd.pipeline.task.name", "evidence")
                .containsEntry("cicd.pipeline.task.run.url.full",
                        "https://github.com/acme/app/actions/runs/9001/job/51725241954")
                .containsEntry("cicd.pipeline.run.actor", "octocat")
                .containsEntry("vcs.repository.url.full", "https://github.com/acme/app")
                .containsEntry("vcs.ref.head.name", "refs/pull/42/merge")
                .containsEntry("vcs.change.id", "42")
                // what the contract has no attribute for, recorded beside it
                .containsEntry("github.server.url", "https://github.com")
                .containsEntry("github.repository.id", "123456789")
                .containsEntry("github.workflow.ref", "acme/app/.github/workflows/ci.yml@refs/pull/42/merge")
                .containsEntry("github.event.name", "pull_request")
                .containsEntry("github.runner.environment", "github-hosted");
        assertThat(manifest.producer()).startsWith("evidence-sync-cli/");
        assertThat(manifest.objects()).extracting(ManifestEntry::path).containsExactly(
                "reports/nested/otlp-logs.json", "reports/otlp-logs-with-control.json", "scans/ocsf scan.json");
    }

    @Test
    void shouldWriteTheStepOutputs() throws IOException {
        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).as(run.toString()).isZero();
        Map<String, String> outputs = Sandbox.outputs(runnerTemp.resolve("output.txt"));
        assertThat(outputs).containsOnlyKeys("objects", "manifest-key", "count")
                .containsEntry("manifest-key", RUN_PREFIX + "manifest.json")
                .containsEntry("count", "3");
        JsonArray objects = JsonParser.parseString(outputs.get("objects")).getAsJsonArray();
        assertThat(objects).hasSize(3);
        JsonObject withControl = find(objects, "reports/otlp-logs-with-control.json");
        assertThat(withControl.keySet()).containsExactly("key", "versionId", "sha256", "size", "path", "controls");
        assertThat(withControl.get("key").getAsString()).isEqualTo(RUN_PREFIX + "files/reports/otlp-logs-with-control.json");
        assertThat(withControl.get("controls").getAsJsonArray().get(0).getAsString()).isEqualTo("OSPS-QA-07.01");
        assertThat(withControl.get("sha256").getAsString()).matches("[0-9a-f]{64}");
        assertThat(withControl.get("size").getAsLong()).isEqualTo(2185);
        String versionId = s3.headObject(b -> b.bucket(Sandbox.BUCKET).key(withControl.get("key").getAsString())).versionId();
        assertThat(withControl.get("versionId").getAsString()).isEqualTo(versionId);
        assertThat(s3.headObject(b -> b.bucket(Sandbox.BUCKET).key(withControl.get("key").getAsString())).metadata())
                .containsEntry("evidence-sha256", withControl.get("sha256").getAsString());
    }

    @Test
    void shouldWriteAJobSummaryTableAndGroupTheLog() throws IOException {
        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).as(run.toString()).isZero();
        String summary = Files.readString(runnerTemp.resolve("summary.md"), StandardCharsets.UTF_8);
        assertThat(summary)
                .contains("### Evidence Sync: 3 evidence files published")
                .contains("[acme/app/CI run 9001, attempt 2](https://github.com/acme/app/actions/runs/9001/attempts/2)")
                .contains("job [evidence](https://github.com/acme/app/actions/runs/9001/job/51725241954)")
                .contains("| File | Status | Records | Controls found | Results | S3 object |")
                .contains("| reports/otlp-logs-with-control.json | uploaded | 1 | OSPS-QA-07.01 | fail: 1 | `s3://"
                        + Sandbox.BUCKET + "/" + RUN_PREFIX + "files/reports/otlp-logs-with-control.json` |")
                .contains("| scans/ocsf scan.json | uploaded | 1 | – | failure: 1 |")
                .contains("Run manifest: `s3://" + Sandbox.BUCKET + "/" + RUN_PREFIX + "manifest.json`")
                .contains("| github.repository.id | 123456789 |")
                .contains("| github.workflow.ref | acme/app/.github/workflows/ci.yml@refs/pull/42/merge |")
                .contains("| github.runner.environment | github-hosted |");
        assertThat(run.out()).startsWith("::group::Evidence Sync: publish to s3://" + Sandbox.BUCKET + "\n")
                .contains("::endgroup::")
                .contains("Published 3 evidence files (3 uploaded, 0 already published).");
        assertThat(run.out().indexOf("::endgroup::")).isLessThan(run.out().indexOf("Published 3 evidence files"));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldAnnotateEveryRefusedFileAndPublishNothing() throws IOException {
        Files.writeString(workspace.resolve("reports/broken,scan:1.json"), "{\"resourceLogs\": [\n  {\"oops\"\n");
        Files.writeString(workspace.resolve("reports/notes.json"), "{\"just\": \"json\"}");

        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(Sandbox.keys(s3)).isEmpty();
        assertThat(run.out()).contains("::error file=reports/broken%2Cscan%3A1.json,title=Evidence refused::"
                        + "reports/broken,scan:1.json: ")
                .contains("::error file=reports/notes.json,title=Evidence refused::reports/notes.json: JSON, but neither")
                .contains("::error title=Evidence Sync::2 of 5 evidence files refused; nothing was published:%0A  - ");
        assertThat(run.out().indexOf("::endgroup::")).isLessThan(run.out().indexOf("::error"));
        assertThat(run.err()).contains("reports/broken,scan:1.json").contains("reports/notes.json");
        String summary = Files.readString(runnerTemp.resolve("summary.md"), StandardCharsets.UTF_8);
        assertThat(summary).contains("### Evidence Sync: publishing failed")
                .contains("| reports/broken,scan:1.json | reports/broken,scan:1.json: ");
        assertThat(Sandbox.outputs(runnerTemp.resolve("output.txt"))).isEmpty();
    }

    @Test
    void shouldNeverLetAFileNamePassForAWorkflowCommand() throws IOException {
        String injected = "::error file=Auth.java,line=1::Backdoor approved"; // a file name holds no slash
        Files.writeString(workspace.resolve("reports/x\n" + injected + "\n.json"), "{nope");

        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat((run.out() + "\n" + run.err()).split("\r\n|\r|\n")).as(run.toString())
                .noneMatch(line -> line.stripLeading().startsWith(injected))
                .anyMatch(line -> line.startsWith("| " + injected));
        assertThat(run.out()).contains("::error file=reports/x%0A%3A%3Aerror file=Auth.java%2Cline=1%3A%3ABackdoor approved%0A.json,");
    }

    @Test
    void shouldNeverLetAFileNameCarryAnOldStyleCommandOrHideOneBehindANoBreakSpace() throws IOException {
        Files.writeString(workspace.resolve("reports/x ##[error]Backdoor approved.json"), "{nope");
        Files.writeString(workspace.resolve("reports/y\n\u00a0::warning::Looks fine.json"), "{nope");
        Files.writeString(workspace.resolve("reports/z ##vso[task.setvariable variable=x]1.json"), "{nope");

        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        // the annotation lines are commands of ours, parsed whole; every other line must carry none
        assertThat((run.out() + "\n" + run.err()).split("\r\n|\r|\n")).as(run.toString())
                .filteredOn(line -> !line.startsWith("::"))
                .noneMatch(line -> line.contains("##[") || line.contains("##vso[")
                        || line.replace("\u00a0", " ").strip().startsWith("::"))
                .anyMatch(line -> line.contains("x ##\\[error]Backdoor approved.json"));
    }

    @Test
    void shouldAnnotateTheOverallErrorFirstAndAtMostEightRefusedFiles() throws IOException {
        for (int i = 1; i <= 12; i++) {
            Files.writeString(workspace.resolve(String.format("reports/broken-%02d.json", i)), "{nope");
        }

        CliRun run = CliRun.run(env, workspace, "publish");

        List<String> errors = run.out().lines().filter(line -> line.startsWith("::error")).toList();
        assertThat(errors).hasSize(9);
        assertThat(errors.get(0)).startsWith("::error title=Evidence Sync::12 of 15 evidence files refused");
        assertThat(errors.subList(1, 9)).allMatch(line -> line.contains("title=Evidence refused::"));
        assertThat(run.out()).contains("4 more refused files are not annotated (GitHub keeps 10 error annotations per"
                + " step); the log below and the job summary list them all.");
        assertThat(run.err()).contains("reports/broken-12.json");
        assertThat(Files.readString(runnerTemp.resolve("summary.md"), StandardCharsets.UTF_8))
                .contains("reports/broken-12.json");
    }

    @Test
    void shouldPublishAgainIdempotentlyAndSayAlreadyPublished() throws IOException {
        assertThat(CliRun.run(env, workspace, "publish").exit()).isZero();
        Files.writeString(runnerTemp.resolve("summary.md"), "");

        CliRun again = CliRun.run(env, workspace, "publish");

        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("Published 3 evidence files (0 uploaded, 3 already published).");
        assertThat(Files.readString(runnerTemp.resolve("summary.md"))).contains("| already published |");
    }

    @Test
    void shouldWarnAndSucceedWhenNothingMatchesAndTheInputSaysWarn() throws IOException {
        env.put("EVIDENCE_PATH", "does-not-exist/**");
        env.put("EVIDENCE_IF_NO_FILES_FOUND", "warn");

        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("::warning title=Evidence Sync::no evidence files matched [does-not-exist/**]");
        assertThat(Sandbox.outputs(runnerTemp.resolve("output.txt"))).containsEntry("count", "0")
                .containsEntry("objects", "[]").containsEntry("manifest-key", "");
        assertThat(Sandbox.keys(s3)).isEmpty();
    }

    @Test
    void shouldPlanWithoutWritingOnDryRun() throws IOException {
        env.put("EVIDENCE_DRY_RUN", "true");

        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(Sandbox.keys(s3)).isEmpty();
        assertThat(Sandbox.outputs(runnerTemp.resolve("output.txt"))).containsEntry("count", "3")
                .containsEntry("manifest-key", RUN_PREFIX + "manifest.json");
        assertThat(Files.readString(runnerTemp.resolve("summary.md")))
                .contains("### Evidence Sync dry run: 3 evidence files would be published").contains("| planned |");
    }

    @Test
    void shouldRouteToTheControlInputAndPublishOpaqueFilesWhenValidationIsOff() throws IOException {
        env.put("EVIDENCE_CONTROL", "SOC2-CC7.2");
        env.put("EVIDENCE_VALIDATE", "false");
        env.put("EVIDENCE_PATH", "**/*.json");
        env.put("EVIDENCE_EXCLUDE", "reports/nested/**");

        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(Sandbox.keys(s3)).contains(RUN_PREFIX + "files/package.json")
                .doesNotContain(RUN_PREFIX + "files/reports/nested/otlp-logs.json");
        assertThat(s3.headObject(b -> b.bucket(Sandbox.BUCKET).key(RUN_PREFIX + "files/package.json")).metadata())
                .containsEntry("evidence-format", "opaque").containsEntry("hyperproof-control", "SOC2-CC7.2");
    }

    @Test
    void shouldLetFlagsWinOverTheActionVariables() {
        env.put("EVIDENCE_PREFIX", "ignored");

        CliRun run = CliRun.run(env, workspace, "publish", "--prefix", "audit/2026", "--path", "scans/*.json");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(Sandbox.keys(s3)).containsExactlyInAnyOrder(
                "audit/2026/github-actions/acme/app/CI/9001/2/files/scans/ocsf%20scan.json",
                "audit/2026/github-actions/acme/app/CI/9001/2/manifest.json");
    }

    @Test
    void shouldReadRelativeToTheWorkspaceAndAnnotateWorkspaceRelativePaths(@TempDir Path elsewhere) throws IOException {
        env.put("EVIDENCE_BASE_DIR", "reports");
        env.put("EVIDENCE_PATH", "**/*.json");
        Files.writeString(workspace.resolve("reports/nested/broken.json"), "[{\"class_uid\": 6007,]");

        CliRun run = CliRun.run(env, elsewhere, "publish");

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("::error file=reports/nested/broken.json,title=Evidence refused::nested/broken.json: ");
    }

    private static JsonObject find(JsonArray objects, String path) {
        for (JsonElement element : objects) {
            if (element.getAsJsonObject().get("path").getAsString().equals(path)) {
                return element.getAsJsonObject();
            }
        }
        throw new AssertionError("no object for " + path + " in " + objects);
    }
}
