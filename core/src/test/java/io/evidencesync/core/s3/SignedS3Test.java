package io.evidencesync.core.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpServer;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.contract.EvidenceMetadata;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.provenance.BuildProvenance;
import io.evidencesync.core.publish.Digests;
import io.evidencesync.sandbox.s3.S3SandboxExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The function's S3 port against S3Proxy, which verifies SigV4 (a wrong signature, path encoding or payload hash
 * fails for real), and against a tiny local server for the failures S3Proxy cannot be made to produce.
 */
class SignedS3Test {
    private static final String BUCKET = "signed-bucket";

    @RegisterExtension
    static final S3SandboxExtension S3 = new S3SandboxExtension(BUCKET);

    static S3Client sdk;
    static SdkHttpClient http;
    static S3Objects s3;

    @BeforeAll
    static void clients() {
        sdk = S3.s3().client(ApacheHttpClient.create());
        http = ApacheHttpClient.create();
        s3 = SignedS3.create(http, StaticCredentialsProvider.create(AwsBasicCredentials.create(S3.s3().accessKey(),
                S3.s3().secretKey())), new S3Addressing(S3.s3().region(), S3.s3().endpoint(), true));
    }

    @AfterAll
    static void close() {
        sdk.close();
        http.close();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keysUnder(String prefix) {
        return sdk.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    @Nested
    class AgainstS3Proxy {
        @ParameterizedTest
        @ValueSource(strings = {"plain/report.json", "with space/a b.json", "plus+sign/a+b=c&d.json",
                "unicode/Grüße-日本語-é.json", "percent/100%/a%2Fb%20c.json", "odd/~tilde/(paren)/'quote'/*star!.json"})
        // (keys with "//", "." or ".." segments are valid in S3, but S3Proxy's Jetty rewrites such paths before checking
        // the signature: the SDK's own client fails on them there too)
        void shouldWriteReadAndHeadAKeyUnderExactlyThatName(String key) throws IOException {
            byte[] body = utf8("{\"key\":\"" + key + "\"}");

            String etag = s3.putObject(BUCKET, key, body, "application/json", S3Objects.Precondition.ifNoneMatch());

            assertThat(keysUnder(key)).as("stored under exactly this name, not a re-encoded one").containsExactly(key);
            assertThat(sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray()).isEqualTo(body);
            S3Objects.SmallObject small = s3.getObjectAsBytes(BUCKET, key).orElseThrow();
            assertThat(small.body()).isEqualTo(body);
            assertThat(small.info().etag()).isEqualTo(etag).startsWith("\"");
            assertThat(s3.headObject(BUCKET, key, null).contentLength()).isEqualTo(body.length);
            try (OpenedObject opened = s3.getObject(BUCKET, key, null); InputStream in = opened.body()) {
                assertThat(in.readAllBytes()).isEqualTo(body);
            }
        }

        @Test
        void shouldStreamAFileWithItsSignedHeadersAndReturnTheNewVersionOnce(@TempDir Path dir)
                throws IOException, NoSuchAlgorithmException {
            Path file = dir.resolve("scan.json");
            byte[] body = utf8("{\"class_uid\":6007,\"status\":\"success\"}");
            Files.write(file, body);
            ObjectWrite write = new ObjectWrite("application/json", Map.of("evidence-format", "ocsf-json"), "AES256", null);

            S3Objects.Stored stored = s3.putFile(BUCKET, "files/a scan.json", file, body.length, sha256Base64(body),
                    write, S3Objects.Precondition.ifNoneMatch());

            assertThat(stored.versionId()).isNotBlank();
            assertThat(stored.etag()).startsWith("\"");
            ObjectInfo head = s3.headObject(BUCKET, "files/a scan.json", stored.versionId());
            assertThat(head.metadata()).containsEntry("evidence-format", "ocsf-json");
            assertThat(head.etag()).isEqualTo(stored.etag());
            assertThat(sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key("files/a scan.json")).asByteArray()).isEqualTo(body);
            assertThatThrownBy(() -> s3.putFile(BUCKET, "files/a scan.json", file, body.length, sha256Base64(body),
                    write, S3Objects.Precondition.ifNoneMatch())).isInstanceOf(S3Objects.PreconditionFailedException.class);
        }

        @Test
        void shouldAssembleAMultipartUploadWithItsMetadataAndRefuseASecondCompletion() throws NoSuchAlgorithmException {
            byte[] first = new byte[5 * 1024 * 1024];
            java.util.Arrays.fill(first, (byte) 'a');
            byte[] second = utf8("the last part, shorter than the rest");
            String key = "files/multi part+scan.json";
            ObjectWrite write = new ObjectWrite("application/json", Map.of("evidence-sha256", "abc"), null, null);

            String uploadId = s3.startMultipartUpload(BUCKET, key, write);
            String firstCrc = Digests.crc32cBase64(ByteBuffer.wrap(first));
            String secondCrc = Digests.crc32cBase64(ByteBuffer.wrap(second));
            // a direct buffer as the publisher reads parts into, and a part that starts inside its buffer
            ByteBuffer firstPart = ByteBuffer.allocateDirect(first.length).put(first).flip();
            byte[] padded = new byte[second.length + 7];
            System.arraycopy(second, 0, padded, 3, second.length);
            ByteBuffer secondPart = ByteBuffer.wrap(padded, 3, second.length);
            List<S3Objects.Part> parts = List.of(
                    new S3Objects.Part(1, s3.uploadPart(BUCKET, key, uploadId, 1, firstPart, firstCrc), firstCrc),
                    new S3Objects.Part(2, s3.uploadPart(BUCKET, key, uploadId, 2, secondPart, secondCrc), secondCrc));
            assertThat(firstPart.position()).isZero();
            assertThat(secondPart.position()).isEqualTo(3);
            S3Objects.Stored stored = s3.completeMultipartUpload(BUCKET, key, uploadId, parts,
                    S3Objects.Precondition.ifNoneMatch());

            assertThat(stored.versionId()).isNotBlank();
            assertThat(stored.etag()).endsWith("-2\"");
            byte[] read = sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
            assertThat(read).hasSize(first.length + second.length);
            assertThat(java.util.Arrays.copyOfRange(read, first.length, read.length)).isEqualTo(second);
            assertThat(s3.headObject(BUCKET, key, null).metadata()).containsEntry("evidence-sha256", "abc");
            String again = s3.startMultipartUpload(BUCKET, key, write);
            S3Objects.Part only = new S3Objects.Part(1, s3.uploadPart(BUCKET, key, again, 1, ByteBuffer.wrap(second), secondCrc),
                    secondCrc);
            assertThatThrownBy(() -> s3.completeMultipartUpload(BUCKET, key, again, List.of(only),
                    S3Objects.Precondition.ifNoneMatch())).isInstanceOf(S3Objects.PreconditionFailedException.class);
            s3.abortMultipartUpload(BUCKET, key, again);
            assertThat(sdk.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
            assertThat(sdk.listObjectVersions(b -> b.bucket(BUCKET).prefix(key)).versions()).hasSize(1);
        }

        @Test
        void shouldWriteBytesWithTheirChecksumAndAttributes() throws NoSuchAlgorithmException {
            byte[] body = utf8("{\"manifest\":true}");

            S3Objects.Stored stored = s3.putBytes(BUCKET, "manifests/run.json", body, sha256Base64(body),
                    new ObjectWrite("application/json", Map.of("evidence-format", "manifest"), null, null),
                    S3Objects.Precondition.ifNoneMatch());

            S3Objects.SmallObject read = s3.getObjectAsBytes(BUCKET, "manifests/run.json").orElseThrow();
            assertThat(read.body()).isEqualTo(body);
            assertThat(read.info().metadata()).containsEntry("evidence-format", "manifest");
            assertThat(read.info().etag()).isEqualTo(stored.etag());
        }

        @Test
        void shouldReadNothingForAMissingKeyButFailAStreamedGetNamingIt() {
            assertThat(s3.getObjectAsBytes(BUCKET, "missing/receipt.json")).isEmpty();

            assertThatThrownBy(() -> s3.getObject(BUCKET, "missing/evidence.json", null))
                    .isInstanceOf(EvidenceException.class)
                    .hasMessageContaining("GetObject").hasMessageContaining("s3://" + BUCKET + "/missing/evidence.json")
                    .hasMessageContaining("404").hasMessageContaining("NoSuchKey");
        }

        @Test
        void shouldRefuseASecondCreateWithIfNoneMatch() {
            s3.putObject(BUCKET, "receipts/a.json", utf8("{\"n\":1}"), "application/json", S3Objects.Precondition.ifNoneMatch());

            assertThatThrownBy(() -> s3.putObject(BUCKET, "receipts/a.json", utf8("{\"n\":2}"), "application/json",
                    S3Objects.Precondition.ifNoneMatch())).isInstanceOf(S3Objects.PreconditionFailedException.class)
                    .hasMessageContaining("412");
            assertThat(s3.getObjectAsBytes(BUCKET, "receipts/a.json").orElseThrow().body()).isEqualTo(utf8("{\"n\":1}"));
        }

        @Test
        void shouldReplaceOnlyWhileTheETagStillMatches() {
            String first = s3.putObject(BUCKET, "receipts/b.json", utf8("{\"n\":1}"), "application/json",
                    S3Objects.Precondition.ifNoneMatch());
            String second = s3.putObject(BUCKET, "receipts/b.json", utf8("{\"n\":2}"), "application/json",
                    S3Objects.Precondition.ifMatch(first));

            assertThatThrownBy(() -> s3.putObject(BUCKET, "receipts/b.json", utf8("{\"n\":3}"), "application/json",
                    S3Objects.Precondition.ifMatch(first))).isInstanceOf(S3Objects.PreconditionFailedException.class);
            Optional<S3Objects.SmallObject> stored = s3.getObjectAsBytes(BUCKET, "receipts/b.json");
            assertThat(stored.orElseThrow().body()).isEqualTo(utf8("{\"n\":2}"));
            assertThat(stored.orElseThrow().info().etag()).isEqualTo(second).isNotEqualTo(first);
        }

        @Test
        void shouldReturnTheContractMetadataVersionAndAttributesOfTheVersionAsked() throws IOException {
            BuildProvenance build = BuildProvenance.builder().ciSystem("jenkins").pipelineName("Équipe/Grüße « CI »")
                    .runId("42").runAttempt(1).runUrl("https://ci.example/job/Équipe/42/").revision("c0ffee").build();
            String key = EvidenceContract.evidenceKey("evidence", build, "reports/scan 1+2.json");
            Map<String, String> written = EvidenceContract.objectMetadata(build, "ab".repeat(32), EvidenceFormat.OTLP_JSON,
                    false, EvidenceContract.manifestKey("evidence", build), "CC-7.2 « prod »");
            assertThat(written.values()).as("the contract encodes non-ASCII values (RFC 2047)").anyMatch(v -> v.startsWith("=?"));
            PutObjectResponse v1 = sdk.putObject(b -> b.bucket(BUCKET).key(key).metadata(written), RequestBody.fromString("{\"v\":1}"));
            sdk.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("{\"v\":22}"));

            ObjectInfo info;
            try (OpenedObject opened = s3.getObject(BUCKET, key, v1.versionId()); InputStream in = opened.body()) {
                assertThat(in.readAllBytes()).isEqualTo(utf8("{\"v\":1}"));
                info = opened.info();
            }

            assertThat(info.versionId()).isEqualTo(v1.versionId());
            assertThat(info.etag()).isEqualTo(v1.eTag());
            assertThat(info.contentLength()).isEqualTo(7);
            assertThat(info.lastModified()).isNotNull();
            assertThat(info.metadata()).containsAllEntriesOf(written);
            EvidenceMetadata read = EvidenceContract.readMetadata(key, info.metadata());
            assertThat(read.pipelineName()).isEqualTo("Équipe/Grüße « CI »");
            assertThat(read.controlOverride()).isEqualTo("CC-7.2 « prod »");
            assertThat(read.runUrl()).isEqualTo("https://ci.example/job/Équipe/42/");
            assertThat(s3.headObject(BUCKET, key, v1.versionId()).metadata()).isEqualTo(info.metadata());
        }

        @Test
        void shouldBeRefusedBySigV4WithAWrongSecretWithoutEverNamingTheCredentials() {
            String secret = "wrong/Secret+Key=" + "x".repeat(20);
            String token = "SessionTokenValue/" + "t".repeat(40);
            S3Objects wrong = SignedS3.create(http, StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    S3.s3().accessKey(), secret, token)), new S3Addressing(S3.s3().region(), S3.s3().endpoint(), true));

            List<Throwable> failures = new ArrayList<>();
            failures.add(catchFailure(() -> wrong.getObject(BUCKET, "k.json", "v1")));
            failures.add(catchFailure(() -> wrong.getObjectAsBytes(BUCKET, "k.json")));
            failures.add(catchFailure(() -> wrong.headObject(BUCKET, "k.json", null)));
            failures.add(catchFailure(() -> wrong.putObject(BUCKET, "k.json", utf8("{}"), "application/json",
                    S3Objects.Precondition.NONE)));

            assertThat(failures).allSatisfy(failure -> {
                assertThat(failure).isInstanceOf(EvidenceException.class).hasMessageContaining("403");
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    assertThat(String.valueOf(t.getMessage())).doesNotContain(secret, token, "Signature=", "Credential=",
                            "X-Amz-Security-Token");
                }
            });
            assertThat(failures.get(3)).hasMessageContaining("s3://" + BUCKET + "/k.json").hasMessageContaining("PutObject");
        }
    }

    /**
     * The function's own HTTP client (URL-connection; the other tests use Apache, which S3Proxy 4.1.0 serves more
     * reliably): HttpURLConnection differs in how it sends a request (a GET with a body would become a POST).
     */
    @Nested
    class WithTheFunctionsHttpClient {
        private final SdkHttpClient urlConnection = UrlConnectionHttpClient.create();
        private final S3Objects production = SignedS3.create(urlConnection, StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3.s3().accessKey(), S3.s3().secretKey())),
                new S3Addressing(S3.s3().region(), S3.s3().endpoint(), true));

        @AfterEach
        void close() {
            urlConnection.close();
        }

        @ParameterizedTest
        @ValueSource(strings = {"url/plain.json", "url/with space+plus.json", "url/Grüße 日本.json", "url/100%25 done.json"})
        void shouldWriteReadAndHeadAKeyUnderExactlyThatName(String key) throws IOException {
            byte[] body = utf8("{\"via\":\"url-connection\"}");

            String etag = production.putObject(BUCKET, key, body, "application/json", S3Objects.Precondition.NONE);

            assertThat(keysUnder(key)).containsExactly(key);
            ObjectInfo head = production.headObject(BUCKET, key, null);
            assertThat(head.etag()).isEqualTo(etag);
            assertThat(production.getObjectAsBytes(BUCKET, key).orElseThrow().body()).isEqualTo(body);
            try (OpenedObject opened = production.getObject(BUCKET, key, head.versionId()); InputStream in = opened.body()) {
                assertThat(in.readAllBytes()).isEqualTo(body);
            }
            assertThat(production.getObjectAsBytes(BUCKET, key + ".missing")).isEmpty();
        }
    }

    private static Throwable catchFailure(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the call did not fail");
    }

    /** A local server answering with scripted statuses, to see the retries (S3Proxy never throttles). */
    @Nested
    class AgainstAScriptedServer {
        private HttpServer server;
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final List<Integer> script = new CopyOnWriteArrayList<>();
        private final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger served = new AtomicInteger();
        private SdkHttpClient urlConnection;

        @BeforeEach
        void start() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
                int n = served.getAndIncrement();
                int status = n < script.size() ? script.get(n) : 200;
                byte[] body = status == 200 ? utf8("{}") : utf8("<?xml version=\"1.0\"?><Error><Code>" + code(status)
                        + "</Code><Message>scripted</Message></Error>");
                exchange.getResponseHeaders().set("ETag", "\"e" + n + "\"");
                exchange.sendResponseHeaders(status, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
                if (!exchange.getRequestMethod().equals("HEAD")) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
            urlConnection = UrlConnectionHttpClient.create();
        }

        @AfterEach
        void stop() {
            server.stop(0);
            urlConnection.close();
        }

        private String code(int status) {
            return switch (status) {
                case 503 -> "SlowDown";
                case 500 -> "InternalError";
                case 429 -> "TooManyRequests";
                case 403 -> "AccessDenied";
                default -> "Other";
            };
        }

        private S3Objects client(URI endpoint) {
            return new SignedS3(urlConnection, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")),
                    new S3Addressing("eu-west-1", endpoint, true), sleeps::add, () -> 0.5);
        }

        private URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Test
        void shouldRetryThrottlingAndServerErrorsWithGrowingPauses() {
            script.addAll(List.of(503, 500));

            String etag = client(endpoint()).putObject("bucket", "r/a.json", utf8("{}"), "application/json",
                    S3Objects.Precondition.ifNoneMatch());

            assertThat(etag).isEqualTo("\"e2\"");
            assertThat(requests).containsExactly("PUT /bucket/r/a.json", "PUT /bucket/r/a.json", "PUT /bucket/r/a.json");
            assertThat(sleeps).containsExactly(75L, 150L);
        }

        @Test
        void shouldGiveUpAfterThreeAttemptsNamingStatusAndCode() {
            script.addAll(List.of(429, 503, 503, 503));

            assertThatThrownBy(() -> client(endpoint()).getObjectAsBytes("bucket", "r/a.json"))
                    .isInstanceOf(EvidenceException.class).hasMessageContaining("GetObject")
                    .hasMessageContaining("s3://bucket/r/a.json").hasMessageContaining("503 SlowDown");
            assertThat(requests).hasSize(SignedS3.MAX_ATTEMPTS);
        }

        @Test
        void shouldNotRetryAccessDeniedAndNameThePermission() {
            script.addAll(List.of(403, 403, 403));
            S3Objects client = client(endpoint());

            assertThatThrownBy(() -> client.putObject("bucket", "r/a.json", utf8("{}"), "application/json",
                    S3Objects.Precondition.NONE)).hasMessageContaining("403 AccessDenied").hasMessageContaining("s3:PutObject");
            assertThatThrownBy(() -> client.getObject("bucket", "e/a.json", "v7")).hasMessageContaining("s3:GetObjectVersion");
            assertThatThrownBy(() -> client.getObjectAsBytes("bucket", "r/a.json")).hasMessageContaining("s3:GetObject ");
            assertThat(requests).hasSize(3);
            assertThat(sleeps).isEmpty();
        }

        @Test
        void shouldTreatAConcurrentConditionalWriteAsAFailedPrecondition() {
            script.add(409);

            assertThatThrownBy(() -> client(endpoint()).putObject("bucket", "r/a.json", utf8("{}"), "application/json",
                    S3Objects.Precondition.ifMatch("\"e0\""))).isInstanceOf(S3Objects.PreconditionFailedException.class);
            assertThat(requests).hasSize(1);
        }

        @Test
        void shouldRetryWhenNothingAnswersAndThenSaySo() throws IOException {
            URI closed;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
            }

            assertThatThrownBy(() -> client(closed).headObject("bucket", "e/a.json", null))
                    .isInstanceOf(EvidenceException.class).hasMessageContaining("HeadObject")
                    .hasMessageContaining("no response after 3 attempt(s)");
            assertThat(sleeps).containsExactly(75L, 150L);
        }
    }

    private static String sha256Base64(byte[] body) throws NoSuchAlgorithmException {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    }
}
