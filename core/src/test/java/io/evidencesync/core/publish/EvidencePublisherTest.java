package io.evidencesync.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.contract.ManifestCodec;
import io.evidencesync.core.contract.ManifestEntry;
import io.evidencesync.core.contract.RunManifest;
import io.evidencesync.core.discovery.EvidenceFile;
import io.evidencesync.core.discovery.IfNoFilesFound;
import io.evidencesync.core.evidence.EvidenceReader;
import io.evidencesync.core.evidence.InputSource;
import io.evidencesync.core.provenance.BuildProvenance;
import io.evidencesync.core.s3.S3Addressing;
import io.evidencesync.core.s3.S3Objects;
import io.evidencesync.core.s3.SignedS3;
import io.evidencesync.sandbox.s3.S3SandboxExtension;
import io.evidencesync.sandbox.s3.SandboxS3;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

class EvidencePublisherTest {
    private static final String BUCKET = "evidence-test";
    /** Files of 5 MiB or more go up in parts of 5 MiB, so that a test's large file is one of 11 MiB. */
    private static final PublisherOptions SMALL_PARTS = PublisherOptions.defaults("t")
            .withMultipart(5L * 1024 * 1024, 5 * 1024 * 1024);

    @RegisterExtension
    static final S3SandboxExtension SANDBOX = new S3SandboxExtension(BUCKET);

    static final BuildProvenance BUILD = BuildProvenance.builder().ciSystem("github-actions")
            .pipelineName("acme/app/CI").runId("9001").runNumber("17").runAttempt(2)
            .runUrl("https://github.com/acme/app/actions/runs/9001/attempts/2")
            .repositoryUrl("https://github.com/acme/app").revision("c0ffee").ref("refs/heads/main").actor("octocat").build();

    @TempDir
    Path workspace;

    private S3Client s3;
    /** The port the CLI gives the publisher for single-request uploads, over its own HTTP client. */
    private SdkHttpClient portHttp;
    private S3Objects port;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void createClient() {
        s3 = client(SANDBOX.s3().secretKey());
        portHttp = ApacheHttpClient.create();
        port = port(portHttp, SANDBOX.s3().secretKey());
    }

    @AfterEach
    void closeClient() {
        s3.close();
        portHttp.close();
    }

    @Test
    void shouldPublishFixturesWithContractMetadataAndManifest() throws IOException {
        copyFixture("otlp-logs-with-control.json", "reports/otlp-logs-with-control.json");
        copyFixture("ocsf-scan-activity.json", "reports/ocsf scan.json");

        PublishResult result = publisher().publish(request().controlOverride("SOC2-CC7.2").build(), listener());

        assertThat(result.objects()).extracting(PublishedObject::path)
                .containsExactly("reports/ocsf scan.json", "reports/otlp-logs-with-control.json");
        assertThat(result.objects()).allSatisfy(object -> {
            assertThat(object.outcome()).isEqualTo(PublishedObject.Outcome.UPLOADED);
            assertThat(object.versionId()).isNotBlank();
            HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(object.key()));
            assertThat(head.metadata()).containsEntry("evidence-sha256", object.sha256())
                    .containsEntry("cicd-run-url", BUILD.runUrl())
                    .containsEntry("hyperproof-control", "SOC2-CC7.2")
                    .containsEntry("evidence-manifest", result.manifestKey());
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(object.key())).asByteArray();
            assertThat(Digests.hex(sha256(stored))).isEqualTo(object.sha256());
        });
        assertThat(result.manifestKey()).isEqualTo("evidence/github-actions/acme/app/CI/9001/2/manifest.json");
        RunManifest manifest = readManifest(result.manifestKey());
        assertThat(manifest.provenance()).containsEntry("cicd.pipeline.run.attempt", "2")
                .containsEntry("vcs.ref.head.revision", "c0ffee");
        assertThat(manifest.publishedAt()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(manifest.objects()).extracting(ManifestEntry::key, ManifestEntry::format, ManifestEntry::controls)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("evidence/github-actions/acme/app/CI/9001/2/files/reports/ocsf%20scan.json", "ocsf-json", List.of()),
                        org.assertj.core.groups.Tuple.tuple("evidence/github-actions/acme/app/CI/9001/2/files/reports/otlp-logs-with-control.json", "otlp-json", List.of("OSPS-QA-07.01")));
        assertThat(events).contains("discovered 2", "manifest " + result.manifestKey());
    }

    @Test
    void shouldWriteOneObjectWhenTheSameRunPublishesTheSameFileTwice() throws IOException {
        copyFixture("ocsf-scan-activity.json", "scan.json");

        PublishResult first = publisher().publish(request().build(), listener());
        PublishResult second = publisher().publish(request().build(), listener());

        assertThat(second.objects()).singleElement().satisfies(object -> {
            assertThat(object.outcome()).isEqualTo(PublishedObject.Outcome.ALREADY_PUBLISHED);
            assertThat(object.versionId()).isEqualTo(first.objects().get(0).versionId());
        });
        assertThat(s3.listObjectVersions(b -> b.bucket(BUCKET).prefix(first.objects().get(0).key())).versions()).hasSize(1);
        assertThat(s3.listObjectVersions(b -> b.bucket(BUCKET).prefix(first.manifestKey())).versions()).hasSize(1);
    }

    @Test
    void shouldAccumulateTheManifestWhenARunPublishesInSeveralSteps() throws IOException {
        copyFixture("ocsf-scan-activity.json", "step1/scan.json");
        copyFixture("otlp-logs.json", "step2/logs.json");

        publisher().publish(request().includes(List.of("step1/**")).build(), listener());
        PublishResult second = publisher().publish(request().includes(List.of("step2/**")).build(), listener());

        assertThat(readManifest(second.manifestKey()).objects()).extracting(ManifestEntry::path)
                .containsExactly("step1/scan.json", "step2/logs.json");
    }

    @Test
    void shouldRefuseChangedBytesUnderAnAlreadyPublishedKey() throws IOException {
        copyFixture("ocsf-scan-activity.json", "scan.json");
        publisher().publish(request().build(), listener());
        copyFixture("otlp-logs.json", "scan.json");

        assertThatThrownBy(() -> publisher().publish(request().build(), listener()))
                .isInstanceOf(EvidenceException.class)
                .hasMessageContaining("already holds different evidence for this run");
    }

    @ParameterizedTest(name = "through {0}")
    @ValueSource(strings = {"signed requests", "the SDK client"})
    void shouldUploadLargeFilesInPartsWithVerifiedChecksumsOnce(String transport) throws IOException {
        Path big = workspace.resolve("big.json");
        // six parts, four at a time: the fifth is read into the array of a part already sent
        writeLargeOcsfArray(big, 26 * 1024 * 1024);
        PublisherOptions options = PublisherOptions.defaults("test/1").withMultipart(5L * 1024 * 1024, 5 * 1024 * 1024);
        EvidencePublisher publisher = transport.equals("signed requests") ? new EvidencePublisher(() -> port, options)
                : new EvidencePublisher(s3, options);

        PublishResult result = publisher.publish(request().build(), listener());
        PublishResult again = publisher.publish(request().build(), listener());

        assertThat(again.objects().get(0).outcome()).isEqualTo(PublishedObject.Outcome.ALREADY_PUBLISHED);
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
        PublishedObject object = result.objects().get(0);
        assertThat(s3.listObjectVersions(b -> b.bucket(BUCKET).prefix(object.key())).versions()).hasSize(1);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(object.key())).response().contentType())
                .isEqualTo("application/json");
        assertThat(object.etag()).endsWith("-6\"");
        byte[] stored = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(object.key())).asByteArray();
        assertThat(Digests.hex(sha256(stored))).isEqualTo(object.sha256()).isEqualTo(Digests.hex(Digests.sha256(() -> Files.newInputStream(big))));
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key(object.key())).metadata()).containsEntry("evidence-sha256", object.sha256());
    }

    @Test
    void shouldSendServerSideEncryptionOnEveryObject() throws IOException {
        copyFixture("ocsf-scan-activity.json", "scan.json");

        PublishResult result = publisher().publish(request().encryption(Encryption.parse("aws:kms", "alias/evidence", "sse")).build(), listener());

        assertThat(result.objects()).hasSize(1);
        assertThat(Encryption.parse("AES256", null, "sse").mode()).isEqualTo(Encryption.Mode.SSE_S3);
        assertThatThrownBy(() -> Encryption.parse("rot13", null, "sse")).hasMessage("sse: 'rot13' is not a server-side encryption mode; use AES256 or aws:kms");
    }

    @Test
    void shouldWriteNothingInADryRun() throws IOException {
        copyFixture("ocsf-scan-activity.json", "scan.json");

        PublishResult result = publisher().publish(request().dryRun(true).build(), listener());

        assertThat(result.dryRun()).isTrue();
        assertThat(result.objects()).extracting(PublishedObject::outcome).containsExactly(PublishedObject.Outcome.PLANNED);
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents()).isEmpty();
    }

    @Test
    void shouldRefuseEveryBadFileAndWriteNothing() throws IOException {
        copyFixture("ocsf-scan-activity.json", "good.json");
        Files.writeString(workspace.resolve("bad.json"), "{\"resourceLogs\": [ {\"scopeLogs\": ]}");
        Files.write(workspace.resolve("cut.json.gz"), java.util.Arrays.copyOf(
                io.evidencesync.core.evidence.EvidenceReaderTestAccess.gzip("{\"class_uid\": 6007}".repeat(50)), 30));

        assertThatThrownBy(() -> publisher().publish(request().build(), listener()))
                .isInstanceOf(EvidenceException.class)
                .hasMessageStartingWith("2 of 3 evidence files refused; nothing was published:")
                .hasMessageContaining("bad.json: malformed JSON at line 1, column 34 (at /resourceLogs/0/scopeLogs)")
                .hasMessageContaining("cut.json.gz: truncated or corrupt gzip data");
        assertThat(events).contains("rejected bad.json", "rejected cut.json.gz");
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents()).isEmpty();
    }

    @Test
    void shouldFailWarnOrIgnoreWhenNoFilesMatch() {
        assertThatThrownBy(() -> publisher().publish(request().build(), listener()))
                .hasMessage("no evidence files matched [**/*.json, **/*.jsonl, **/*.json.gz, **/*.jsonl.gz] in '" + workspace
                        + "'; to allow this, set the if-no-files-found option (Jenkins: ifNoFilesFound) to warn or ignore");

        PublishResult warned = publisher().publish(request().ifNoFilesFound(IfNoFilesFound.WARN).build(), listener());
        PublishResult ignored = publisher().publish(request().ifNoFilesFound(IfNoFilesFound.IGNORE).build(), listener());

        assertThat(warned.objects()).isEmpty();
        assertThat(ignored.manifestKey()).isNull();
        assertThat(events).filteredOn(e -> e.startsWith("warning")).hasSize(1);
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents()).isEmpty();
    }

    @Test
    void shouldExplainWrongCredentialsWithoutPrintingTheSecret() throws IOException {
        copyFixture("ocsf-scan-activity.json", "scan.json");
        String wrongSecret = "wrong-secret-value-1234567890";
        try (S3Client wrong = client(wrongSecret)) {
            S3Objects wrongPort = port(portHttp, wrongSecret);
            assertThatThrownBy(() -> new EvidencePublisher(() -> wrongPort, PublisherOptions.defaults("t"))
                    .publish(request().build(), listener()))
                    .isInstanceOf(EvidenceException.class)
                    .hasMessageContaining("cannot upload scan.json to s3://" + BUCKET + "/")
                    .hasMessageContaining("S3 answered HTTP 403 SignatureDoesNotMatch: S3 rejected the credentials")
                    .satisfies(e -> assertThat(stackText(e)).doesNotContain(wrongSecret, "Signature=", "Credential="));
            assertThatThrownBy(() -> new EvidencePublisher(wrong, PublisherOptions.defaults("t")).publish(request().build(), listener()))
                    .as("the SDK client, for callers that give no port")
                    .isInstanceOf(EvidenceException.class)
                    .hasMessageContaining("S3 answered HTTP 403 SignatureDoesNotMatch: S3 rejected the credentials")
                    .satisfies(e -> assertThat(stackText(e)).doesNotContain(wrongSecret));
        }
    }

    @Test
    void shouldPublishThroughAnSdkClientWhenTheCallerHasOne() throws IOException {
        copyFixture("ocsf-scan-activity.json", "scan.json");

        PublishResult result = new EvidencePublisher(s3, PublisherOptions.defaults("t")).publish(request().build(), listener());

        PublishedObject object = result.objects().get(0);
        assertThat(object.outcome()).isEqualTo(PublishedObject.Outcome.UPLOADED);
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key(object.key())).metadata())
                .containsEntry("evidence-sha256", object.sha256());
    }

    @Test
    void shouldRetryThrottledSingleUploadsThroughThePortAndStoreEachFileOnce() throws IOException {
        copyFixture("ocsf-scan-activity.json", "a/scan.json");
        copyFixture("otlp-logs.json", "b/logs.json");
        AtomicInteger throttled = new AtomicInteger();
        // S3Proxy never throttles: the first two evidence PUTs are answered 503 SlowDown before they reach it
        S3Objects throttling = portAnswering(request -> {
            boolean evidencePut = request.httpRequest().method() == SdkHttpMethod.PUT
                    && request.httpRequest().encodedPath().contains("/files/");
            return evidencePut && throttled.getAndIncrement() < 2 ? answering(503, "<Error><Code>SlowDown</Code></Error>")
                    : null;
        });

        PublishResult result = new EvidencePublisher(() -> throttling, PublisherOptions.defaults("t"))
                .publish(request().build(), listener());

        assertThat(throttled).hasValueGreaterThanOrEqualTo(4); // two refused, then (at least) one PUT per file
        assertThat(result.objects()).hasSize(2).allSatisfy(object -> {
            assertThat(object.outcome()).isEqualTo(PublishedObject.Outcome.UPLOADED);
            assertThat(s3.listObjectVersions(b -> b.bucket(BUCKET).prefix(object.key())).versions()).hasSize(1);
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(object.key())).asByteArray();
            assertThat(Digests.hex(sha256(stored))).isEqualTo(object.sha256());
        });
    }

    @Test
    void shouldAbortAMultipartUploadWhosePartIsRefusedAndLeaveNothing() throws IOException {
        writeLargeOcsfArray(workspace.resolve("big.json"), 11 * 1024 * 1024);
        // S3Proxy accepts every part: the second part's PUT is answered 403 AccessDenied before it reaches it
        S3Objects refusing = portAnswering(request -> request.httpRequest().method() == SdkHttpMethod.PUT
                && "2".equals(request.httpRequest().firstMatchingRawQueryParameter("partNumber").orElse(null))
                ? answering(403, "<Error><Code>AccessDenied</Code></Error>") : null);

        assertThatThrownBy(() -> new EvidencePublisher(() -> refusing, SMALL_PARTS)
                .publish(request().build(), listener()))
                .isInstanceOf(EvidenceException.class)
                .hasMessageContaining("cannot upload big.json to s3://" + BUCKET + "/evidence/")
                .hasMessageContaining("S3 answered HTTP 403 AccessDenied: access denied; the role needs s3:PutObject on"
                        + " arn:aws:s3:::" + BUCKET + "/evidence/");
        assertNothingStored("the upload was aborted");
    }

    @Test
    void shouldSendALargeFilesPartsEarlyButDiscardThemWhenAnotherFileIsRefused() throws IOException {
        writeLargeOcsfArray(workspace.resolve("big.json"), 11 * 1024 * 1024);
        Files.writeString(workspace.resolve("bad.json"), "{\"class_uid\": 6007,}");
        List<String> requests = Collections.synchronizedList(new ArrayList<>());

        // parts answered slowly: they are still being sent when the refusal is known
        assertThatThrownBy(() -> largeFilePublisher(requests, 400).publish(request().build(), listener()))
                .isInstanceOf(EvidenceException.class)
                .hasMessageStartingWith("1 of 2 evidence files refused; nothing was published:");

        assertThat(requests).as("the upload was started while the files were read, then aborted")
                .contains("POST uploads", "DELETE uploadId").doesNotContain("POST uploadId");
        assertNoPartAfterTheAbort(requests);
        assertNothingStored("every upload was aborted");
    }

    @Test
    void shouldDiscardAnEarlyUploadWhenTheLargeFileItselfIsRefused() throws IOException {
        Path big = workspace.resolve("big.json");
        writeLargeOcsfArray(big, 11 * 1024 * 1024);
        Files.writeString(big, "{", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        List<String> requests = Collections.synchronizedList(new ArrayList<>());

        assertThatThrownBy(() -> largeFilePublisher(requests).publish(request().build(), listener()))
                .isInstanceOf(EvidenceException.class)
                .hasMessageContaining("big.json: line 1");

        assertThat(requests).contains("POST uploads", "DELETE uploadId").doesNotContain("POST uploadId");
        assertNoPartAfterTheAbort(requests);
        assertNothingStored("every upload was aborted");
    }

    @Test
    void shouldUploadAgainWithTheParsedFormatWhenTheHeadMisledTheEarlyUpload() throws IOException {
        // JSON Lines of arrays: a head starting with '[' is guessed one array of findings
        String line = "[{\"class_uid\":2003,\"status\":\"Pass\",\"message\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}]";
        Files.writeString(workspace.resolve("lines.json"), line + "\n" + line + "\n", StandardCharsets.UTF_8);
        List<String> requests = Collections.synchronizedList(new ArrayList<>());

        PublishResult result = largeFilePublisher(requests).publish(request().build(), listener());

        PublishedObject object = result.objects().get(0);
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key(object.key())).metadata())
                .containsEntry("evidence-format", "ocsf-jsonl");
        assertThat(requests.stream().filter("POST uploads"::equals)).as("started twice: on the guess, then as parsed")
                .hasSize(2);
        assertThat(requests).containsOnlyOnce("DELETE uploadId");
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
        assertThat(s3.listObjectVersions(b -> b.bucket(BUCKET).prefix(object.key())).versions()).hasSize(1);
    }

    @Test
    void shouldCompleteTheUploadStartedWhileTheFileWasValidated() throws IOException {
        writeLargeOcsfArray(workspace.resolve("big.json"), 11 * 1024 * 1024);
        List<String> requests = Collections.synchronizedList(new ArrayList<>());

        PublishResult result = largeFilePublisher(requests).publish(request().build(), listener());

        assertThat(requests).containsOnlyOnce("POST uploads", "POST uploadId").doesNotContain("DELETE uploadId");
        assertThat(requests.stream().filter("PUT partNumber&uploadId"::equals)).hasSize(3);
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key(result.objects().get(0).key())).metadata())
                .containsEntry("evidence-format", "ocsf-json").containsEntry("evidence-sha256", result.objects().get(0).sha256());
        assertThat(result.objects().get(0).summary()).as("read in two halves, summed up as a whole read does")
                .isEqualTo(new EvidenceReader(false).read("big.json", InputSource.of(workspace.resolve("big.json"))));
    }

    @Test
    void shouldReadBackTheObjectAnotherPublishStoredWhileTheEarlyUploadWasUnderWay() throws IOException {
        // the same job step run twice at once: the other one stores the file just before this one completes its upload
        writeLargeOcsfArray(workspace.resolve("big.json"), 11 * 1024 * 1024);
        List<String> requests = Collections.synchronizedList(new ArrayList<>());
        S3Objects racing = portAnswering(request -> {
            boolean completing = request.httpRequest().method() == SdkHttpMethod.POST
                    && request.httpRequest().rawQueryParameters().containsKey("uploadId");
            if (!completing) {
                return null;
            }
            requests.add("complete");
            publisher().publish(request().build(), listener()); // a single PUT: 11 MiB is below the default threshold
            return answering(412, "<Error><Code>PreconditionFailed</Code></Error>");
        });

        PublishResult result = new EvidencePublisher(() -> racing, SMALL_PARTS).publish(request().build(), listener());

        PublishedObject object = result.objects().get(0);
        assertThat(requests).containsExactly("complete");
        assertThat(object.outcome()).isEqualTo(PublishedObject.Outcome.ALREADY_PUBLISHED);
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).as("the early upload aborted").isEmpty();
        assertThat(s3.listObjectVersions(b -> b.bucket(BUCKET).prefix(object.key())).versions()).hasSize(1);
        assertThat(object.sha256()).isEqualTo(Digests.hex(Digests.sha256(InputSource.of(workspace.resolve("big.json")))));
    }

    @Test
    void shouldWarnNamingTheUploadWhenAnEarlyUploadCannotBeAborted() throws IOException {
        writeLargeOcsfArray(workspace.resolve("big.json"), 11 * 1024 * 1024);
        Files.writeString(workspace.resolve("bad.json"), "{\"class_uid\": 6007,}");
        // the role may not abort: S3 answers AbortMultipartUpload 403 AccessDenied
        S3Objects noAbort = portAnswering(request -> request.httpRequest().method() == SdkHttpMethod.DELETE
                ? answering(403, "<Error><Code>AccessDenied</Code></Error>") : null);

        try {
            assertThatThrownBy(() -> new EvidencePublisher(() -> noAbort, SMALL_PARTS)
                    .publish(request().build(), listener()))
                    .hasMessageStartingWith("1 of 2 evidence files refused; nothing was published:");

            assertThat(events).anySatisfy(event -> assertThat(event)
                    .startsWith("warning could not abort the incomplete multipart upload of big.json (s3://" + BUCKET
                            + "/evidence/").contains("upload id ", "AccessDenied", "lifecycle rule"));
            assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents()).as("still no object").isEmpty();
        } finally {
            s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().forEach(upload -> s3.abortMultipartUpload(
                    b -> b.bucket(BUCKET).key(upload.key()).uploadId(upload.uploadId())));
        }
    }

    @Test
    void shouldLeaveNoUploadOpenWhenThePublishIsInterrupted() throws Exception {
        // a build aborted while a large file's parts are going up (Jenkins interrupts the step's thread)
        writeLargeOcsfArray(workspace.resolve("big.json"), 11 * 1024 * 1024);
        List<String> requests = Collections.synchronizedList(new ArrayList<>());
        EvidencePublisher publisher = largeFilePublisher(requests, 400);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        Thread build = new Thread(() -> {
            try {
                publisher.publish(request().build(), listener());
            } catch (RuntimeException e) {
                failures.add(e);
            }
        });

        build.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!requests.contains("PUT partNumber&uploadId") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        build.interrupt();
        build.join(20_000);

        assertThat(build.isAlive()).isFalse();
        assertThat(failures).singleElement().satisfies(e -> assertThat(e.getMessage()).isIn(
                "publishing was interrupted while the evidence files were read; nothing was published",
                "1 of 1 evidence files failed to upload; the run manifest was not written:\n  - publishing was interrupted"));
        assertThat(events).noneMatch(event -> event.startsWith("rejected"));
        assertNothingStored("no upload left open");
    }

    @Test
    void shouldReportRefusalsBeforeAClientThatCannotBeHad() throws IOException {
        writeLargeOcsfArray(workspace.resolve("big.json"), 11 * 1024 * 1024);
        Files.writeString(workspace.resolve("bad.json"), "{\"class_uid\": 6007,}");
        EvidencePublisher publisher = new EvidencePublisher(() -> {
            throw new EvidenceException("no AWS credentials found");
        }, SMALL_PARTS);

        assertThatThrownBy(() -> publisher.publish(request().build(), listener()))
                .hasMessageStartingWith("1 of 2 evidence files refused; nothing was published:");
        Files.delete(workspace.resolve("bad.json"));
        assertThatThrownBy(() -> publisher.publish(request().build(), listener()))
                .hasMessage("no AWS credentials found");
    }

    /** Neither an object nor an incomplete multipart upload is in the bucket. */
    private void assertNothingStored(String why) {
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).as(why).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents()).as(why).isEmpty();
    }

    /** No part was sent, or still being sent, once the upload was aborted, so none can outlive the abort. */
    private static void assertNoPartAfterTheAbort(List<String> requests) {
        List<String> inOrder = List.copyOf(requests);
        assertThat(inOrder.subList(inOrder.indexOf("DELETE uploadId"), inOrder.size()))
                .doesNotContain("PUT partNumber&uploadId", "part answered");
    }

    /** Files of 5 MiB or more go up in parts of 5 MiB; every request is recorded as its method and query keys. */
    private EvidencePublisher largeFilePublisher(List<String> requests) {
        return largeFilePublisher(requests, 0);
    }

    /**
     * As {@link #largeFilePublisher(List)}; each part's answer also arrives {@code partMillis} late and is recorded
     * as {@code "part answered"}, so that a test can see which parts were still being sent when.
     */
    private EvidencePublisher largeFilePublisher(List<String> requests, long partMillis) {
        S3Objects recording = portAnswering(request -> {
            String call = request.httpRequest().method() + " "
                    + String.join("&", new java.util.TreeSet<>(request.httpRequest().rawQueryParameters().keySet()));
            requests.add(call);
            if (!call.equals("PUT partNumber&uploadId")) {
                return null;
            }
            ExecutableHttpRequest sent = portHttp.prepareRequest(request);
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    HttpExecuteResponse response = sent.call();
                    try {
                        Thread.sleep(partMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    requests.add("part answered");
                    return response;
                }

                @Override
                public void abort() {
                    sent.abort();
                }
            };
        });
        return new EvidencePublisher(() -> recording, SMALL_PARTS);
    }

    /**
     * The CLI's port to the sandbox over an HTTP client that lets {@code answer} see every request first: what it
     * returns is sent instead, and null lets the request through to S3Proxy unchanged.
     */
    private S3Objects portAnswering(java.util.function.Function<HttpExecuteRequest, ExecutableHttpRequest> answer) {
        SdkHttpClient http = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                ExecutableHttpRequest instead = answer.apply(request);
                return instead != null ? instead : portHttp.prepareRequest(request);
            }

            @Override
            public void close() {
            }
        };
        return port(http, SANDBOX.s3().secretKey());
    }

    private static ExecutableHttpRequest answering(int status, String xml) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                byte[] body = xml.getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder().response(SdkHttpResponse.builder().statusCode(status).build())
                        .responseBody(AbortableInputStream.create(new java.io.ByteArrayInputStream(body))).build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Test
    void shouldExplainAMissingBucket() throws IOException {
        copyFixture("ocsf-scan-activity.json", "scan.json");

        assertThatThrownBy(() -> publisher().publish(request().bucket("no-such-bucket").build(), listener()))
                .isInstanceOf(EvidenceException.class)
                .hasMessageContaining("s3://no-such-bucket/evidence/github-actions/acme/app/CI/9001/2/files/scan.json: "
                        + "S3 answered HTTP 404 NoSuchBucket: the bucket 'no-such-bucket' does not exist (check the name,"
                        + " region and endpoint)");
    }

    @Test
    void shouldRefuseAKeyThatLeavesNoRoomForTheBridgesReceiptKey() throws IOException {
        copyFixture("ocsf-scan-activity.json", "d".repeat(200) + "/" + "e".repeat(200) + "/" + "f".repeat(200) + "/"
                + "g".repeat(200) + "/" + "h".repeat(200) + ".json");

        assertThatThrownBy(() -> publisher().publish(request().build(), listener()))
                .hasMessageContaining("its S3 key would be 1058 bytes, but evidence keys may have at most 896");
    }

    private EvidencePublisher publisher() {
        PublisherOptions options = PublisherOptions.defaults("evidence-sync-test/1")
                .withClock(Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));
        return new EvidencePublisher(() -> port, options);
    }

    private PublishRequest.Builder request() {
        return PublishRequest.builder().bucket(BUCKET).prefix("evidence").baseDirectory(workspace).provenance(BUILD);
    }

    private PublishListener listener() {
        return new PublishListener() {
            @Override
            public void discovered(List<EvidenceFile> files) {
                events.add("discovered " + files.size());
            }

            @Override
            public void warning(String message) {
                events.add("warning " + message);
            }

            @Override
            public void rejected(String path, String message) {
                events.add("rejected " + path);
            }

            @Override
            public void manifestWritten(String key) {
                events.add("manifest " + key);
            }
        };
    }

    private RunManifest readManifest(String key) {
        return ManifestCodec.fromJson(key, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
    }

    private void copyFixture(String fixture, String relative) throws IOException {
        Path target = workspace.resolve(relative);
        Files.createDirectories(target.getParent());
        try (var in = getClass().getResourceAsStream("/complybeacon/" + fixture)) {
            Files.write(target, in.readAllBytes());
        }
    }

    private static void writeLargeOcsfArray(Path file, int approximateBytes) throws IOException {
        Random random = new Random(7);
        StringBuilder json = new StringBuilder("[");
        while (json.length() < approximateBytes) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"class_uid\":6007,\"status\":\"success\",\"policy\":{\"uid\":\"rule-").append(random.nextInt(1000))
                    .append("\"},\"message\":\"").append(Long.toHexString(random.nextLong())).append("\"}");
        }
        Files.writeString(file, json.append(']'), StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        return Digests.sha256().digest(bytes);
    }

    private static String stackText(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private static S3Objects port(SdkHttpClient http, String secret) {
        SandboxS3 sandbox = SANDBOX.s3();
        return SignedS3.create(http, s3Credentials(secret), new S3Addressing(sandbox.region(), sandbox.endpoint(), true));
    }

    private static StaticCredentialsProvider s3Credentials(String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(SANDBOX.s3().accessKey(), secret));
    }

    private static S3Client client(String secret) {
        SandboxS3 sandbox = SANDBOX.s3();
        return S3Client.builder().endpointOverride(sandbox.endpoint()).forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.of(sandbox.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(sandbox.accessKey(), secret)))
                .httpClient(ApacheHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
