package io.evidencesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exit 2 with one clear line for wrong options and inputs; exit 1 naming the file for bad evidence. Runs as a dry
 * run against an endpoint nobody listens on: none of these may reach S3.
 */
class UsageAndInputErrorsTest {
    @TempDir
    Path workspace;

    private Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", "AKIDUSAGE");
        env.put("AWS_SECRET_ACCESS_KEY", "usage-secret");
        env.put("JENKINS_URL", "https://ci.example/");
        env.put("BUILD_URL", "https://ci.example/job/app/1/");
        env.put("JOB_NAME", "app");
        env.put("BUILD_NUMBER", "1");
        env.put("EVIDENCE_PATH", "**/*.json");
        Sandbox.copyFixture("ocsf-scan-activity.json", workspace.resolve("scan.json"));
    }

    @Test
    void shouldShowUsageWithoutACommand() {
        CliRun run = CliRun.run(env, workspace);

        assertThat(run.exit()).isEqualTo(EvidenceSyncCli.USAGE);
        assertThat(run.err()).contains("Usage: evidence-sync").contains("publish");
    }

    @Test
    void shouldPrintHelpAndVersionWithExitZero() {
        assertThat(CliRun.run(env, workspace, "publish", "--help").out()).contains("--if-no-files-found=<error|warn|ignore>");
        assertThat(CliRun.run(env, workspace, "publish", "--help").exit()).isZero();
        assertThat(CliRun.run(env, workspace, "--version").out()).startsWith("evidence-sync ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --bogus                                        | Unknown option: '--bogus'
            --bucket=b --if-no-files-found=maybe           | --if-no-files-found (action input if-no-files-found, EVIDENCE_IF_NO_FILES_FOUND): 'maybe' is not one of error, warn, ignore
            --bucket=b --sse=des                           | --sse (action input sse, EVIDENCE_SSE): 'des' is not a server-side encryption mode
            --bucket=b --sse=AES256 --kms-key-id=alias/k   | a KMS key id is set but server-side encryption is AES256
            --bucket=b --endpoint-url=localhost:9000       | --endpoint-url (action input endpoint-url, EVIDENCE_ENDPOINT_URL): 'localhost:9000' is not an http(s) URL
            --bucket=b --prefix=/abs                       | --prefix (action input prefix, EVIDENCE_PREFIX): prefix '/abs' is not a plain key prefix
            --bucket=b --job-id=abc                        | --job-id (action input job-id, EVIDENCE_JOB_ID): 'abc' is not a numeric job id
            --bucket=b --run-attempt=0                     | --run-attempt: must be 1 or more, was 0
            --bucket=b --concurrency=0                     | --concurrency: must be between 1 and 256
            --bucket=ab                                    | bucket: 'ab' is not a valid S3 bucket name
            --dry-run                                      | --bucket (action input bucket, EVIDENCE_BUCKET) is required
            --bucket=b --path=,                            | --path (action input path, EVIDENCE_PATH) is required: name the evidence files
            """)
    void shouldExitWithUsageAndNameTheSetting(String args, String message) {
        CliRun run = CliRun.run(env, workspace, ("publish " + args.strip()).split(" "));

        assertThat(run.exit()).as(run.toString()).isEqualTo(EvidenceSyncCli.USAGE);
        assertThat(run.err()).startsWith("evidence-sync publish: ").contains(message)
                .contains("Try 'evidence-sync publish --help' for the options.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldRequireThePathsSinceAWholeCheckoutHoldsJsonThatIsNotEvidence() {
        env.remove("EVIDENCE_PATH");

        CliRun run = CliRun.run(env, workspace, "publish", "--bucket", "evidence", "--dry-run", "--region", "us-east-1");

        assertThat(run.exit()).isEqualTo(EvidenceSyncCli.USAGE);
        assertThat(run.err()).contains("--path (action input path, EVIDENCE_PATH) is required: name the evidence files,"
                + " e.g. 'reports/**/*.json'");
    }

    @Test
    void shouldRefuseAnInputThatIsNeitherTrueNorFalse() {
        env.put("EVIDENCE_BUCKET", "evidence");
        env.put("EVIDENCE_VALIDATE", "yes");

        CliRun run = CliRun.run(env, workspace, "publish");

        assertThat(run.exit()).isEqualTo(EvidenceSyncCli.USAGE);
        assertThat(run.err()).contains("--validate (action input validate, EVIDENCE_VALIDATE): 'yes' is not true or false");
    }

    @Test
    void shouldFailNamingTheFileWhenEvidenceIsMalformed() throws IOException {
        Files.createDirectories(workspace.resolve("reports"));
        Files.writeString(workspace.resolve("reports/truncated.json"), "{\"class_uid\": 6007, \"status\": ");

        CliRun run = CliRun.run(env, workspace, "publish", "--bucket", "evidence", "--dry-run", "--region", "us-east-1");

        assertThat(run.exit()).as(run.toString()).isEqualTo(EvidenceSyncCli.FAILED);
        assertThat(run.err()).contains("refused: reports/truncated.json: ")
                .contains("error: 1 of 2 evidence files refused; nothing was published:\n  - reports/truncated.json: ");
    }

    @Test
    void shouldFailNamingTheDirectoryWhenTheBaseDirectoryIsMissing() {
        CliRun run = CliRun.run(env, workspace, "publish", "--bucket", "evidence", "--dry-run", "--region", "us-east-1",
                "--base-dir", "no/such/dir");

        assertThat(run.exit()).isEqualTo(EvidenceSyncCli.FAILED);
        assertThat(run.err()).contains("error: evidence directory '" + workspace.resolve("no/such/dir") + "' does not exist");
    }

    @Test
    void shouldFailWhenNothingMatchesByDefault() {
        CliRun run = CliRun.run(env, workspace, "publish", "--bucket", "evidence", "--dry-run", "--region", "us-east-1",
                "--path", "*.jsonl");

        assertThat(run.exit()).isEqualTo(EvidenceSyncCli.FAILED);
        assertThat(run.err()).contains("no evidence files matched [*.jsonl]")
                .contains("if-no-files-found").contains("warn or ignore");
    }

    @Test
    void shouldPlanADryRunWithoutAnyS3Call() {
        CliRun run = CliRun.run(env, workspace, "publish", "--bucket", "evidence", "--dry-run",
                "--endpoint-url", "http://127.0.0.1:9", "--path-style");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("planned scan.json -> s3://evidence/evidence/jenkins/app/1/1/files/scan.json")
                .contains("Dry run: 1 evidence file would be published; nothing was written.");
    }

    @Test
    void shouldPlanADryRunWithoutAnyAwsSetupAtAll() {
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");

        CliRun run = CliRun.run(env, workspace, "publish", "--bucket", "evidence", "--dry-run");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Dry run: 1 evidence file would be published; nothing was written.");
    }
}
