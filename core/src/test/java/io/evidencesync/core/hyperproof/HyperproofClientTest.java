package io.evidencesync.core.hyperproof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.evidencesync.sandbox.hyperproof.Fault;
import io.evidencesync.sandbox.hyperproof.HyperproofEmulator;
import io.evidencesync.sandbox.hyperproof.HyperproofEmulatorExtension;
import io.evidencesync.sandbox.hyperproof.RecordedRequest;

class HyperproofClientTest {
    private static final String CLIENT_ID = "bridge-client";
    private static final String CLIENT_SECRET = "s3cr3t+&=/value";

    @RegisterExtension
    static final HyperproofEmulatorExtension HYPERPROOF = new HyperproofEmulatorExtension();

    private static UUID owner;
    private static UUID control;
    private static UUID label;

    @TempDir
    Path temp;

    private final List<Long> sleeps = new ArrayList<>();
    private final List<String> retried = new ArrayList<>();
    private HyperproofClient client;
    private Path file;

    @BeforeAll
    static void seed() {
        HyperproofEmulator hp = HYPERPROOF.emulator();
        hp.addServiceAccount(CLIENT_ID, CLIENT_SECRET);
        owner = hp.addUser("owner@example.com");
        control = hp.addControl("OSPS-QA-07.01", "Branch protection");
        label = hp.addLabel("CI evidence");
    }

    @BeforeEach
    void createClient() throws IOException {
        client = client(Deadline.none());
        file = temp.resolve("scan.json");
        Files.writeString(file, "{\"resourceLogs\":[]}");
    }

    private HyperproofClient client(Deadline unused) {
        HyperproofEmulator hp = HYPERPROOF.emulator();
        HyperproofEndpoints endpoints = new HyperproofEndpoints(hp.baseUri(), hp.tokenUri());
        TokenProvider tokens = new TokenProvider(new UrlConnectionTransport(), endpoints.tokenUrl(),
                () -> new ClientCredentials(CLIENT_ID, CLIENT_SECRET), Clock.systemUTC());
        RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        return new HyperproofClient(new UrlConnectionTransport(), endpoints, tokens, policy, sleeps::add,
                (call, cause, delay) -> retried.add(cause.getMessage()), Clock.systemUTC());
    }

    private ProofUpload upload(String sourceFileId) {
        return new ProofUpload(file, "github-actions-acme app CI-9001-2__scan.json", "application/json",
                "s3://evidence/key.json", sourceFileId, "2026-11-27T10:00:00Z", owner.toString());
    }

    private List<RecordedRequest> uploads() {
        return HYPERPROOF.emulator().requests().stream().filter(r -> r.method().equals("POST") && r.path().startsWith("/v1/")).toList();
    }

    @Test
    void shouldUploadToAControlWithTheSourceFieldsAndTheOwner() {
        UploadResult result = client.upload(ProofTarget.control(control.toString()), upload("v1"), Deadline.none());

        assertThat(result.adopted()).isFalse();
        assertThat(HYPERPROOF.emulator().proofsForControl(control)).hasSize(1);
        RecordedRequest request = uploads().get(0);
        assertThat(request.path()).isEqualTo("/v1/controls/" + control + "/proof");
        assertThat(request.formFields()).containsEntry("hp-proof-owned-by", owner.toString())
                .containsEntry("hp-proof-source-id", "s3://evidence/key.json")
                .containsEntry("hp-proof-source-file-id", "v1")
                .containsEntry("hp-proof-source-modified-on", "2026-11-27T10:00:00Z");
        assertThat(request.proofFile()).hasValueSatisfying(f -> {
            assertThat(f.filename()).isEqualTo("github-actions-acme app CI-9001-2__scan.json");
            assertThat(f.contentType()).isEqualTo("application/json");
        });
        Proof read = client.getProof(result.proof().id(), Deadline.none());
        assertThat(read.sourceFileId()).isEqualTo("v1");
        assertThat(HYPERPROOF.emulator().proofContent(UUID.fromString(read.id()), read.version()))
                .isEqualTo("{\"resourceLogs\":[]}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldUploadToTheOrganizationAndToALabel() {
        client.upload(ProofTarget.organization(), upload("org"), Deadline.none());
        client.upload(ProofTarget.label(label.toString()), upload("label"), Deadline.none());

        assertThat(HYPERPROOF.emulator().proofs()).hasSize(2);
        assertThat(HYPERPROOF.emulator().proofsForLabel(label)).hasSize(1);
    }

    @Test
    void shouldRequestOneTokenForManyCallsAndRefreshItOnceOn401() {
        client.listControls(Deadline.none());
        client.listControls(Deadline.none());
        HYPERPROOF.emulator().revokeAllTokens();
        client.listControls(Deadline.none());

        long tokenRequests = HYPERPROOF.emulator().requests().stream().filter(r -> r.path().equals("/oauth/token")).count();
        assertThat(tokenRequests).isEqualTo(2);
        RecordedRequest tokenRequest = HYPERPROOF.emulator().requests().get(0);
        assertThat(tokenRequest.formFields()).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", CLIENT_ID);
    }

    @Test
    void shouldRefreshTheTokenOnceWhenAnUploadIsRefusedWith401() {
        client.listControls(Deadline.none());
        HYPERPROOF.emulator().revokeAllTokens();

        UploadResult result = client.upload(ProofTarget.control(control.toString()), upload("v1"), Deadline.none());

        assertThat(result.adopted()).isFalse();
        assertThat(HYPERPROOF.emulator().proofsForControl(control)).hasSize(1);
        assertThat(HYPERPROOF.emulator().requests()).filteredOn(r -> r.path().equals("/oauth/token")).hasSize(2);
        assertThat(uploads()).extracting(RecordedRequest::status).containsExactly(401, 200);
        assertThat(retried).isEmpty();
    }

    @Test
    void shouldHashTheContentsHyperproofServesAndNameTheStatusOfAFailedRead() throws Exception {
        Proof proof = client.upload(ProofTarget.control(control.toString()), upload("v1"), Deadline.none()).proof();
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));

        assertThat(client.contentsSha256(proof.id(), proof.version(), Deadline.none())).isEqualTo(expected);
        HYPERPROOF.emulator().tamperContent(UUID.fromString(proof.id()), proof.version(), new byte[] {1, 2, 3});
        assertThat(client.contentsSha256(proof.id(), proof.version(), Deadline.none())).isNotEqualTo(expected);
        assertThatThrownBy(() -> client.contentsSha256(UUID.randomUUID().toString(), 1, Deadline.none()))
                .isInstanceOfSatisfying(HyperproofException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("Hyperproof answered 404 (");
    }

    @Test
    void shouldFindControlsByIdentifier() {
        assertThat(client.listControls(Deadline.none()))
                .anySatisfy(c -> {
                    assertThat(c.id()).isEqualTo(control.toString());
                    assertThat(c.controlIdentifier()).isEqualTo("OSPS-QA-07.01");
                });
    }

    @Test
    void shouldRetryThrottlingQuotaAndServerErrorsHonouringRetryAfter() {
        HYPERPROOF.emulator().faults().enqueue("POST", "/v1/controls/.+/proof",
                Fault.tooManyRequests(Duration.ofSeconds(3)), Fault.bandwidthQuotaExceeded(), Fault.serverError(503));

        client.upload(ProofTarget.control(control.toString()), upload("v1"), Deadline.none());

        assertThat(HYPERPROOF.emulator().proofsForControl(control)).hasSize(1);
        assertThat(retried).hasSize(3);
        assertThat(sleeps.get(0)).isEqualTo(3000L);
        assertThat(sleeps.subList(1, 3)).allSatisfy(delay -> assertThat(delay).isBetween(50L, 5000L));
    }

    @Test
    void shouldRetryADroppedConnectionWithoutUploadingTwice() {
        HYPERPROOF.emulator().faults().enqueue("POST", "/v1/controls/.+/proof", Fault.dropConnection());

        UploadResult result = client.upload(ProofTarget.control(control.toString()), upload("v1"), Deadline.none());

        assertThat(result.adopted()).isFalse();
        assertThat(HYPERPROOF.emulator().proofsForControl(control)).hasSize(1);
    }

    @Test
    void shouldAdoptTheProofWhenTheServerStoredItButTheAnswerWasLost() {
        HYPERPROOF.emulator().faults().enqueue("POST", "/v1/controls/.+/proof", Fault.acceptThenDropConnection());

        UploadResult result = client.upload(ProofTarget.control(control.toString()), upload("v1"), Deadline.none());

        assertThat(result.adopted()).isTrue();
        assertThat(HYPERPROOF.emulator().proofsForControl(control)).hasSize(1);
        assertThat(result.proof().id()).isEqualTo(HYPERPROOF.emulator().proofsForControl(control).get(0).id().toString());
    }

    @Test
    void shouldNotRepeatATimedOutUploadButRetryATimedOutRead() {
        HyperproofEmulator hp = HYPERPROOF.emulator();
        HyperproofEndpoints endpoints = new HyperproofEndpoints(hp.baseUri(), hp.tokenUri());
        TokenProvider tokens = new TokenProvider(new UrlConnectionTransport(), endpoints.tokenUrl(),
                () -> new ClientCredentials(CLIENT_ID, CLIENT_SECRET), Clock.systemUTC());
        HyperproofClient impatient = new HyperproofClient(new UrlConnectionTransport(), endpoints, tokens,
                new RetryPolicy(4, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(300)),
                sleeps::add, (call, cause, delay) -> retried.add(cause.getMessage()), Clock.systemUTC());
        hp.faults().enqueue("POST", "/v1/controls/.+/proof", Fault.delay(Duration.ofMillis(800)));
        hp.faults().enqueue("GET", "/v1/controls", Fault.delay(Duration.ofMillis(800)));

        assertThatThrownBy(() -> impatient.upload(ProofTarget.control(control.toString()), upload("v1"), Deadline.none()))
                .isInstanceOfSatisfying(HyperproofException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("timed out").hasMessageContaining("not repeated");
        assertThat(impatient.listControls(Deadline.none())).isNotEmpty();
        assertThat(retried).hasSize(1);
        long waitUntil = System.nanoTime() + 5_000_000_000L;
        while (uploads().isEmpty() && System.nanoTime() < waitUntil) {
            Thread.onSpinWait();
        }
        assertThat(uploads()).hasSize(1);
    }

    @Test
    void shouldAdoptAVersionWhoseAnswerWasLost() {
        UploadResult first = client.upload(ProofTarget.control(control.toString()), upload("v1"), Deadline.none());
        HYPERPROOF.emulator().faults().enqueue("POST", "/v1/proof/.+/versions", Fault.acceptThenDropConnection());

        UploadResult second = client.uploadVersion(first.proof().id(), upload("v2"), Deadline.none());

        assertThat(second.adopted()).isTrue();
        assertThat(HYPERPROOF.emulator().proofs()).hasSize(1);
        assertThat(HYPERPROOF.emulator().proofs().get(0).versions()).hasSize(2);
    }

    @Test
    void shouldAddAVersionToAnExistingProof() {
        UploadResult first = client.upload(ProofTarget.control(control.toString()), upload("v1"), Deadline.none());
        UploadResult second = client.uploadVersion(first.proof().id(), upload("v2"), Deadline.none());

        assertThat(second.proof().id()).isEqualTo(first.proof().id());
        assertThat(second.proof().version()).isGreaterThan(first.proof().version());
        assertThat(client.getProof(first.proof().id(), Deadline.none()).sourceFileId()).isEqualTo("v2");
    }

    @Test
    void shouldFailAtOnceOnClientErrorsNamingTheStatus() {
        String unknown = UUID.randomUUID().toString();

        assertThatThrownBy(() -> client.upload(ProofTarget.control(unknown), upload("v1"), Deadline.none()))
                .isInstanceOfSatisfying(HyperproofException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.retryable()).isFalse();
                });
        HYPERPROOF.emulator().faults().enqueue("POST", "/v1/controls/.+/proof", Fault.status(413, "{\"message\":\"too big\"}"));
        assertThatThrownBy(() -> client.upload(ProofTarget.control(control.toString()), upload("v1"), Deadline.none()))
                .isInstanceOfSatisfying(HyperproofException.class, e -> assertThat(e.status()).isEqualTo(413))
                .hasMessageContaining("too big");
        assertThat(retried).isEmpty();
    }

    @Test
    void shouldRequireAnOwnerForServiceAccounts() {
        ProofUpload withoutOwner = new ProofUpload(file, "scan.json", "application/json", null, null, null, null);

        assertThatThrownBy(() -> client.upload(ProofTarget.organization(), withoutOwner, Deadline.none()))
                .isInstanceOfSatisfying(HyperproofException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("Service accounts cannot be proof owners");
    }

    @Test
    void shouldRefuseFilesOf100MiBBeforeSendingThem() throws IOException {
        Path big = temp.resolve("big.json");
        try (var channel = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SPARSE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {1}), HyperproofClient.MAX_PROOF_BYTES - 1);
        }
        ProofUpload upload = new ProofUpload(big, "big.json", "application/json", null, null, null, owner.toString());

        assertThatThrownBy(() -> client.upload(ProofTarget.organization(), upload, Deadline.none()))
                .isInstanceOfSatisfying(HyperproofException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("100 MiB");
        assertThat(uploads()).isEmpty();
    }

    @Test
    void shouldGiveUpWhenTheDeadlineLeavesNoTimeForAnotherAttempt() {
        HYPERPROOF.emulator().faults().enqueue("POST", "/v1/proof", Fault.serverError(500));

        assertThatThrownBy(() -> client.upload(ProofTarget.organization(), upload("v1"), () -> 1_800))
                .isInstanceOfSatisfying(HyperproofException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("no time left");
    }

    @Test
    void shouldMaskTheTokenWhenAnApiErrorRepeatsTheRequest() {
        List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpTransport real = new UrlConnectionTransport();
        HttpTransport recording = request -> {
            String authorization = request.headers().get("Authorization");
            if (authorization != null) {
                tokens.add(authorization.substring("Bearer ".length()));
            }
            return real.send(request);
        };
        HyperproofEmulator hp = HYPERPROOF.emulator();
        HyperproofEndpoints endpoints = new HyperproofEndpoints(hp.baseUri(), hp.tokenUri());
        HyperproofClient recorded = new HyperproofClient(recording, endpoints, new TokenProvider(real,
                endpoints.tokenUrl(), () -> new ClientCredentials(CLIENT_ID, CLIENT_SECRET), Clock.systemUTC()),
                new RetryPolicy(1, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(1),
                        Duration.ofSeconds(5)), sleeps::add, (call, cause, delay) -> { }, Clock.systemUTC());
        recorded.listControls(Deadline.none());
        String token = tokens.get(0);
        // a gateway that quotes the request it refused, header and all, then an API that names the token it rejects
        hp.faults().enqueue("GET", "/v1/controls", Fault.status(400, "<pre>GET /v1/controls\nAuthorization: Bearer "
                + token + "\nAccept: application/json</pre>"));
        hp.faults().enqueue("GET", "/v1/controls", Fault.status(403, "{\"message\":\"token " + token + " lacks a scope\"}"));

        List<Throwable> failures = List.of(catchThrowable(() -> recorded.listControls(Deadline.none())),
                catchThrowable(() -> recorded.listControls(Deadline.none())));

        assertThat(failures).allSatisfy(e -> assertThat(e).isInstanceOf(HyperproofException.class)
                .hasMessageContaining("cannot list controls: Hyperproof answered")
                .hasMessageNotContaining(token));
        assertThat(failures.get(0)).hasMessageContaining("Authorization: Bearer ***");
        assertThat(failures.get(1)).hasMessageContaining("token *** lacks a scope");
    }

    @Test
    void shouldNeverPutTheClientCredentialsIntoMessages() {
        HYPERPROOF.emulator().faults().enqueue("POST", "/oauth/token", Fault.status(401, "{\"error\":\"invalid_client\"}"));

        assertThatThrownBy(() -> client.listControls(Deadline.none()))
                .isInstanceOf(HyperproofException.class)
                .hasMessageContaining("rejected the client credentials")
                .hasMessageNotContaining(CLIENT_ID)
                .hasMessageNotContaining(CLIENT_SECRET);
    }
}
