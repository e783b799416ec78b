package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.receipt.ReceiptStatus;
import io.evidencesync.sandbox.hyperproof.HyperproofEmulatorExtension;
import io.evidencesync.sandbox.lambda.LambdaRuntimeApi;
import io.evidencesync.sandbox.lambda.RicProcess;
import io.evidencesync.sandbox.notify.SqsEventJson;
import io.evidencesync.sandbox.s3.S3SandboxExtension;
import io.evidencesync.sandbox.ssm.SsmEmulatorExtension;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The packaged artifact ({@code target/evidence-sync-bridge.jar}) under AWS's runtime interface client, talking to
 * the stand-ins through the production wiring: environment configuration, the SDK default credentials chain,
 * {@code AWS_ENDPOINT_URL_S3} read by the bridge, the URL-connection HTTP client, SigV4-signed S3 and SSM requests.
 */
class BridgeRuntimeIT {
    @RegisterExtension
    static final S3SandboxExtension S3 = new S3SandboxExtension(BridgeSandbox.BUCKET);
    @RegisterExtension
    static final HyperproofEmulatorExtension HYPERPROOF = new HyperproofEmulatorExtension();
    @RegisterExtension
    static final SsmEmulatorExtension SSM = new SsmEmulatorExtension();

    @TempDir
    static Path temp;

    static BridgeSandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = new BridgeSandbox(S3.s3(), HYPERPROOF.emulator(), SSM.emulator(), temp);
    }

    @AfterAll
    static void closeSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.beforeEach();
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("bridge.jar", "target/evidence-sync-bridge.jar"));
        assertThat(jar).exists();
        return jar;
    }

    private Map<String, String> environment() throws IOException {
        Map<String, String> env = new java.util.HashMap<>(sandbox.environment());
        env.put("AWS_ACCESS_KEY_ID", S3.s3().accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", S3.s3().secretKey());
        env.put("JAVA_TOOL_OPTIONS", templateJvmOptions()); // the function runs as template.yaml deploys it
        return env;
    }

    private static String templateJvmOptions() throws IOException {
        java.util.regex.Matcher options = java.util.regex.Pattern.compile("(?m)^\\s+JAVA_TOOL_OPTIONS:\\s*\"([^\"]*)\"\\s*$")
                .matcher(java.nio.file.Files.readString(Path.of("template.yaml")));
        assertThat(options.find()).as("template.yaml sets JAVA_TOOL_OPTIONS").isTrue();
        return options.group(1);
    }

    private static RicProcess start(String handler, Map<String, String> env, LambdaRuntimeApi api, Path log) throws IOException {
        return start(handler, env, api, log, List.of());
    }

    private static RicProcess start(String handler, Map<String, String> env, LambdaRuntimeApi api, Path log,
                                    List<String> moreJvmFlags) throws IOException {
        List<Path> classpath = new ArrayList<>();
        classpath.add(jar());
        classpath.addAll(RicProcess.ricJars(System.getProperty("java.class.path")));
        List<String> flags = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1"));
        flags.addAll(moreJvmFlags);
        return RicProcess.start(classpath, handler, env, api, log, flags);
    }

    private static LambdaRuntimeApi.Invocation invoke(LambdaRuntimeApi api, String event, Path log) throws Exception {
        try {
            return api.invoke(event, Duration.ofSeconds(60));
        } catch (TimeoutException e) {
            throw new AssertionError("no answer from the function; its log:\n" + Files.readString(log), e);
        }
    }

    @Test
    void shouldSyncAnS3EventDeliveredDirectlyUnderTheRuntimeInterfaceClient() throws Exception {
        String key = BridgeSandbox.evidenceKey("reports/otlp scan+v1:final.json");
        PutObjectResponse put = sandbox.putEvidence(key, BridgeSandbox.resource("otlp-logs-with-control.json"), null);
        String event = sandbox.eventFor(key);
        Path log = temp.resolve("direct.log");

        try (LambdaRuntimeApi api = LambdaRuntimeApi.start();
             RicProcess function = start("io.evidencesync.bridge.S3EventHandler::handleRequest", environment(), api, log)) {
            LambdaRuntimeApi.Invocation first = invoke(api, event, log);
            LambdaRuntimeApi.Invocation again = invoke(api, event, log);
            LambdaRuntimeApi.Invocation malformed = invoke(api, "{\"Records\":[{}]}", log);

            String output = Files.readString(log);
            assertThat(first.success()).as(output).isTrue();
            assertThat(first.body()).isEqualTo("{\"synced\":1,\"duplicate\":0,\"superseded\":0,\"skipped\":0,\"failed\":0}");
            assertThat(again.body()).contains("\"duplicate\":1");
            assertThat(malformed.success()).isFalse();
            assertThat(malformed.body()).contains("malformed");
            assertThat(function.isAlive()).isTrue();
            assertThat(output).contains("\"outcome\":\"synced\"", "\"requestId\":\"" + first.requestId() + "\"",
                    "\"CloudWatchMetrics\"").doesNotContain(BridgeSandbox.CLIENT_SECRET);
            assertThat(output).as("the JVM took the template's options").contains("Picked up JAVA_TOOL_OPTIONS: "
                    + templateJvmOptions());
        }
        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.control)).singleElement()
                .satisfies(p -> assertThat(p.latest().filename()).endsWith("__reports otlp scan+v1:final.json"));
        assertThat(sandbox.receipt(EvidenceContract.receiptKey("evidence-sync-receipts", key, put.versionId())).status())
                .isEqualTo(ReceiptStatus.SYNCED);
    }

    @Test
    void shouldSyncAColdStartWithoutLoadingTheSdkS3ClientOrTheJdkHttpClient() throws Exception {
        String key = BridgeSandbox.evidenceKey("reports/cold start.json");
        sandbox.putEvidence(key, BridgeSandbox.resource("otlp-logs-with-control.json"), null);
        Path log = temp.resolve("classes.log");
        Path classes = temp.resolve("class-load.txt");

        try (LambdaRuntimeApi api = LambdaRuntimeApi.start();
             RicProcess function = start("io.evidencesync.bridge.S3EventHandler::handleRequest", environment(), api, log,
                     List.of("-Xlog:class+load=info:file=" + classes))) {
            LambdaRuntimeApi.Invocation first = invoke(api, sandbox.eventFor(key), log);

            assertThat(first.body()).as(Files.readString(log)).contains("\"synced\":1");
        }
        String loaded = Files.readString(classes);
        assertThat(loaded).as("the class-load log covers the S3 calls")
                .contains("io.evidencesync.core.s3.SignedS3 ", "software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner ");
        assertThat(loaded.lines().filter(line -> line.contains(" software.amazon.awssdk.services.")).toList())
                .as("SDK service client classes loaded by a cold start and one object").isEmpty();
        assertThat(loaded).as("the class-load log covers the Hyperproof upload")
                .contains("io.evidencesync.core.hyperproof.UrlConnectionTransport ");
        assertThat(loaded.lines().filter(line -> line.contains(" java.net.http.") || line.contains(" jdk.internal.net.http.")).toList())
                .as("JDK HttpClient classes loaded by a cold start and one object (Hyperproof goes over HttpURLConnection)")
                .isEmpty();
    }

    @Test
    void shouldAnswerAnSqsBatchWithItsFailedMessagesUnderTheRuntimeInterfaceClient() throws Exception {
        String key = BridgeSandbox.evidenceKey("reports/via-sqs.json");
        sandbox.putEvidence(key, BridgeSandbox.resource("otlp-logs-with-control.json"), null);
        String sqs = new SqsEventJson("arn:aws:sqs:us-east-1:000000000000:evidence-events", Clock.systemUTC(),
                new SplittableRandom(5)).wrap(List.of(sandbox.eventFor(key), "{not json"));
        String badId = com.google.gson.JsonParser.parseString(sqs).getAsJsonObject().getAsJsonArray("Records").get(1)
                .getAsJsonObject().get("messageId").getAsString();
        Path log = temp.resolve("sqs.log");

        try (LambdaRuntimeApi api = LambdaRuntimeApi.start();
             RicProcess function = start("io.evidencesync.bridge.SqsEventHandler::handleRequest", environment(), api, log)) {
            LambdaRuntimeApi.Invocation result = invoke(api, sqs, log);

            assertThat(result.success()).as(result.body() + "\n" + Files.readString(log)).isTrue();
            assertThat(result.body()).contains("\"batchItemFailures\"", badId);
        }
        assertThat(HYPERPROOF.emulator().proofsForControl(sandbox.control)).hasSize(1);
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain(BridgeSandbox.CLIENT_SECRET);
    }

    @Test
    void shouldPackageASmallJava17JarWithoutTheRuntimeInterfaceClient() throws IOException {
        assertThat(Files.size(jar())).isLessThan(12L * 1024 * 1024);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar().toFile())) {
            assertThat(zip.getEntry("com/amazonaws/services/lambda/runtime/api/client/AWSLambda.class")).isNull();
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName))
                    .noneMatch(name -> name.matches("META-INF/[^/]+\\.(SF|RSA|DSA)"))
                    .contains("io/evidencesync/bridge/S3EventHandler.class", "io/evidencesync/bridge/SqsEventHandler.class",
                            "META-INF/services/software.amazon.awssdk.http.SdkHttpService");
            try (java.io.InputStream in = zip.getInputStream(zip.getEntry("io/evidencesync/bridge/S3EventHandler.class"))) {
                byte[] header = in.readNBytes(8);
                assertThat(((header[6] & 0xff) << 8) | (header[7] & 0xff)).as("class file major version").isEqualTo(61);
            }
        }
    }

    @Test
    void shouldReportBadConfigurationAsAnInitErrorNamingTheVariable() throws Exception {
        Map<String, String> env = environment();
        env.put("CONTROL_MAP", "{broken");
        Path log = temp.resolve("init.log");

        try (LambdaRuntimeApi api = LambdaRuntimeApi.start();
             RicProcess function = start("io.evidencesync.bridge.S3EventHandler::handleRequest", env, api, log)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (api.initError() == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            assertThat(api.initError()).as(Files.readString(log)).contains("CONTROL_MAP");
            assertThat(Files.readString(log)).contains("\"message\":\"invalid configuration\"");
        }
    }
}
