package io.evidencesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.evidencesync.sandbox.s3.S3SandboxExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The composite action end to end, with bash as the runner runs it, the shaded jar from {@code package} and the
 * S3 sandbox: outputs, job link from the {@code job-id} default, secrets kept out, the JDK check and the
 * release-jar checksum check.
 */
class ActionStepsIT {
    @RegisterExtension
    static final S3SandboxExtension SANDBOX = new S3SandboxExtension(Sandbox.BUCKET);

    private static final Path ROOT = Path.of(System.getProperty("evidence.repository.root", "..")).toAbsolutePath().normalize();
    private static final Path JAR = Path.of(System.getProperty("evidence.jar", "target/evidence-sync.jar")).toAbsolutePath();

    @TempDir
    Path workspace;
    @TempDir
    Path runnerTemp;

    private S3Client s3;
    private Map<String, String> jobEnv;
    private Map<String, String> inputs;

    @BeforeEach
    void setUp() throws IOException {
        s3 = Sandbox.client(SANDBOX.s3());
        jobEnv = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (!name.startsWith("JAVA_HOME") && !name.startsWith("AWS_") && !name.startsWith("GITHUB_")
                    && !name.startsWith("EVIDENCE_")) {
                jobEnv.put(name, value);
            }
        });
        jobEnv.putAll(Sandbox.gitHubEnvironment(workspace, runnerTemp));
        jobEnv.put("AWS_ACCESS_KEY_ID", SANDBOX.s3().accessKey());
        jobEnv.put("AWS_SECRET_ACCESS_KEY", SANDBOX.s3().secretKey());
        jobEnv.put("AWS_REGION", SANDBOX.s3().region());
        jobEnv.put("JAVA_HOME_17_X64", System.getProperty("java.home"));
        jobEnv.put("EVIDENCE_SYNC_JAR", JAR.toString());
        inputs = new HashMap<>();
        inputs.put("bucket", Sandbox.BUCKET);
        inputs.put("endpoint-url", SANDBOX.s3().endpoint().toString());
        inputs.put("path-style", "true");
        inputs.put("path", "reports/**/*.json\nscans/*.json");
        Sandbox.copyFixture("otlp-logs-with-control.json", workspace.resolve("reports/otlp.json"));
        Sandbox.copyFixture("ocsf-scan-activity.json", workspace.resolve("scans/ocsf.json"));
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    @Test
    void shouldPublishThroughTheActionStepsWithOutputsAndTheJobLink() throws Exception {
        jobEnv.put("AWS_SESSION_TOKEN", Sandbox.SECRET_SESSION_TOKEN); // as configure-aws-credentials exports it
        ActionRunner.Result result = new ActionRunner(ROOT.resolve("action"), runnerTemp).run(inputs, jobEnv,
                "51725241954", workspace);

        assertThat(result.exit()).as(result.log()).isZero();
        String manifestKey = "evidence/github-actions/acme/app/CI/9001/2/manifest.json";
        assertThat(result.outputs()).containsEntry("count", "2").containsEntry("manifest-key", manifestKey);
        assertThat(result.outputs().get("objects")).contains("\"path\":\"reports/otlp.json\"")
                .contains("\"controls\":[\"OSPS-QA-07.01\"]");
        assertThat(Sandbox.manifest(s3, manifestKey).provenance())
                .containsEntry("cicd.pipeline.task.run.url.full",
                        "https://github.com/acme/app/actions/runs/9001/job/51725241954");
        assertThat(result.log()).contains("Java: ").contains("Jar: " + JAR + " (EVIDENCE_SYNC_JAR)")
                .contains("::group::Evidence Sync: publish to s3://" + Sandbox.BUCKET);
        assertThat(Files.readString(runnerTemp.resolve("summary.md"))).contains("| reports/otlp.json | uploaded | 1 |");
        assertThat(result.log() + result.outputs() + Files.readString(runnerTemp.resolve("summary.md")))
                .doesNotContain(SANDBOX.s3().secretKey()).doesNotContain(Sandbox.SECRET_SESSION_TOKEN);
        assertThat(result.log()).contains("AWS_SESSION_TOKEN"); // it was used, and only its name is printed
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(value = org.junit.jupiter.api.condition.OS.LINUX,
            architectures = {"amd64", "x86_64"})
    void shouldPublishLargeEvidenceWithTheJarsNativeCryptoAndTheSameSha256() throws Exception {
        Path big = workspace.resolve("scans/big.json");
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; json.length() < 17 * 1024 * 1024; i++) {
            json.append(i == 0 ? "" : ",").append("{\"class_uid\":6007,\"status\":\"success\",\"policy\":{\"uid\":\"rule-")
                    .append(i % 97).append("\"},\"message\":\"finding ").append(i).append("\"}");
        }
        Files.writeString(big, json.append(']'));

        ActionRunner.Result result = new ActionRunner(ROOT.resolve("action"), runnerTemp).run(inputs, jobEnv, "1", workspace);

        assertThat(result.exit()).as(result.log()).isZero();
        assertThat(result.log()).contains("Crypto: Amazon Corretto Crypto Provider 2.");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(big)));
        var head = s3.headObject(b -> b.bucket(Sandbox.BUCKET)
                .key("evidence/github-actions/acme/app/CI/9001/2/files/scans/big.json"));
        assertThat(head.metadata()).containsEntry("evidence-sha256", expected);
        assertThat(head.eTag()).as("a multipart upload").endsWith("-3\"");
    }

    @Test
    void shouldPassInputsAsDataNeverAsShellText() throws Exception {
        inputs.put("control", "$(touch pwned)`touch pwned2`\"; touch pwned3; \"");

        ActionRunner.Result result = new ActionRunner(ROOT.resolve("action"), runnerTemp).run(inputs, jobEnv, "1", workspace);

        assertThat(result.exit()).as(result.log()).isZero();
        assertThat(workspace.resolve("pwned")).doesNotExist();
        assertThat(workspace.resolve("pwned2")).doesNotExist();
        assertThat(workspace.resolve("pwned3")).doesNotExist();
        assertThat(s3.headObject(b -> b.bucket(Sandbox.BUCKET)
                .key("evidence/github-actions/acme/app/CI/9001/2/files/reports/otlp.json")).metadata())
                .containsEntry("hyperproof-control", "$(touch pwned)`touch pwned2`\"; touch pwned3; \"");
    }

    @Test
    void shouldLogNonAsciiFileNamesAsUtf8WhateverThePlatformCharset() throws Exception {
        Sandbox.copyFixture("ocsf-scan-activity.json", workspace.resolve("scans/prüfung-ä.json"));
        // Java 17 prints System.out in file.encoding; Windows runners have windows-1252 there
        jobEnv.put("JAVA_TOOL_OPTIONS", "-Dfile.encoding=ISO-8859-1");

        ActionRunner.Result result = new ActionRunner(ROOT.resolve("action"), runnerTemp).run(inputs, jobEnv, "1", workspace);

        assertThat(result.exit()).as(result.log()).isZero();
        assertThat(result.log()).contains("uploaded scans/prüfung-ä.json -> s3://");
    }

    @Test
    void shouldAskForSetupJavaWhenTheRunnerHasNoJdk() throws Exception {
        jobEnv.remove("JAVA_HOME_17_X64");
        jobEnv.put("PATH", toolsOnly(false).toString()); // this machine's java is on its PATH

        ActionRunner.Result result = new ActionRunner(ROOT.resolve("action"), runnerTemp).run(inputs, jobEnv, "1", workspace);

        assertThat(result.failedStep()).isEqualTo("resolve");
        assertThat(result.log()).contains("::error title=Evidence Sync::Java 17 or newer is needed")
                .contains("Add actions/setup-java (java-version: 17) before this step.");
        assertThat(Sandbox.keys(s3)).isEmpty();
    }

    @Test
    void shouldUseTheJavaOnPathWhenNoJavaHomeIsSet() throws Exception {
        jobEnv.remove("JAVA_HOME_17_X64");
        Path tools = toolsOnly(true);
        jobEnv.put("PATH", tools.toString());

        ActionRunner.Result result = new ActionRunner(ROOT.resolve("action"), runnerTemp).run(inputs, jobEnv, "1", workspace);

        assertThat(result.failedStep()).as(result.log()).isNull();
        assertThat(result.log()).contains("Java: " + tools.resolve("java") + " (specification ");
        assertThat(Sandbox.keys(s3)).isNotEmpty();
    }

    /** A PATH of the few tools the action's steps run (sed, tr, cut), with this JVM's java or without any. */
    private Path toolsOnly(boolean withJava) throws IOException {
        Path tools = Files.createDirectories(runnerTemp.resolve(withJava ? "tools-with-java" : "tools"));
        for (String tool : List.of("sed", "tr", "cut")) {
            Files.createSymbolicLink(tools.resolve(tool), onPath(tool));
        }
        if (withJava) {
            Files.createSymbolicLink(tools.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        }
        return tools;
    }

    /** Where this machine's PATH finds {@code tool} (/usr/bin or /bin, depending on the system). */
    private static Path onPath(String tool) {
        return java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(tool + " is not on PATH"));
    }

    @Test
    void shouldDownloadTheReleaseJarAndRunItOnlyWhenItsChecksumMatches() throws Exception {
        Path action = copyOfActionWithRelease(sha256(JAR));
        Path releases = Files.createDirectories(runnerTemp.resolve("releases"));
        Files.copy(JAR, releases.resolve("evidence-sync.jar"));
        jobEnv.remove("EVIDENCE_SYNC_JAR");
        jobEnv.put("EVIDENCE_SYNC_RELEASE_BASE_URL", releases.toUri().toString().replaceAll("/$", ""));

        ActionRunner.Result result = new ActionRunner(action, runnerTemp).run(inputs, jobEnv, "1", workspace);

        assertThat(result.exit()).as(result.log()).isZero();
        assertThat(result.log()).contains("Downloading evidence-sync.jar v9.9.9 from file:")
                .contains("(release v9.9.9, SHA-256 " + sha256(JAR) + " verified)");
        assertThat(result.outputs()).containsEntry("count", "2");
    }

    @Test
    void shouldVerifyTheReleaseJarWhenTheRunnerTempPathHoldsBackslashesAsOnWindows() throws Exception {
        // Windows' RUNNER_TEMP is D:\a\_temp; given such a name, sha256sum starts its line with '\' and the
        // checksum never matched. A directory of that name on Linux shows the same behaviour.
        Path windowsLikeTemp = Files.createDirectories(runnerTemp.resolve("D:\\a\\_temp"));
        Path action = copyOfActionWithRelease(sha256(JAR));
        Path releases = Files.createDirectories(runnerTemp.resolve("releases"));
        Files.copy(JAR, releases.resolve("evidence-sync.jar"));
        jobEnv.remove("EVIDENCE_SYNC_JAR");
        jobEnv.put("EVIDENCE_SYNC_RELEASE_BASE_URL", releases.toUri().toString().replaceAll("/$", ""));
        jobEnv.put("RUNNER_TEMP", windowsLikeTemp.toString());

        ActionRunner.Result result = new ActionRunner(action, runnerTemp).run(inputs, jobEnv, "1", workspace);

        // only the resolve step is Windows-like here: on Linux the JVM cannot open a jar through a path holding '\'
        assertThat(result.failedStep()).as(result.log()).isNotEqualTo("resolve");
        assertThat(result.log()).contains("(release v9.9.9, SHA-256 " + sha256(JAR) + " verified)")
                .doesNotContain("Refusing to run it");
        assertThat(windowsLikeTemp.resolve("evidence-sync-v9.9.9/evidence-sync.jar")).exists();
    }

    @Test
    void shouldRefuseAReleaseJarWhoseChecksumDiffers() throws Exception {
        Path action = copyOfActionWithRelease("0".repeat(64));
        Path releases = Files.createDirectories(runnerTemp.resolve("releases"));
        Files.copy(JAR, releases.resolve("evidence-sync.jar"));
        jobEnv.remove("EVIDENCE_SYNC_JAR");
        jobEnv.put("EVIDENCE_SYNC_RELEASE_BASE_URL", releases.toUri().toString().replaceAll("/$", ""));

        ActionRunner.Result result = new ActionRunner(action, runnerTemp).run(inputs, jobEnv, "1", workspace);

        assertThat(result.failedStep()).isEqualTo("resolve");
        assertThat(result.log()).contains("but the action pins " + "0".repeat(64)).contains("Refusing to run it.");
        assertThat(Sandbox.keys(s3)).isEmpty();
    }

    private Path copyOfActionWithRelease(String sha256) throws IOException {
        Path action = Files.createDirectories(runnerTemp.resolve("released-action/action"));
        Files.copy(ROOT.resolve("action/action.yml"), action.resolve("action.yml"));
        Path dist = Files.createDirectories(action.resolve("dist"));
        Files.writeString(dist.resolve("evidence-sync.jar.sha256"), sha256 + "  evidence-sync.jar\n");
        Files.writeString(dist.resolve("release.properties"), "repository=acme/evidence-sync\ntag=v9.9.9\n");
        return action;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
