package io.evidencesync.sandbox.hyperproof;

import static io.evidencesync.sandbox.hyperproof.HyperproofTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HyperproofFaultTest {
    @RegisterExtension
    static final HyperproofEmulatorExtension HYPERPROOF = new HyperproofEmulatorExtension();

    private static UUID owner;
    private static UUID control;

    private HyperproofTestClient client;
    private String token;

    @BeforeAll
    static void seed() {
        HYPERPROOF.emulator().addServiceAccount("client", "secret");
        owner = HYPERPROOF.emulator().addUser("owner@example.com");
        control = HYPERPROOF.emulator().addControl("SOC2-CC7.2", "Change monitoring");
    }

    @BeforeEach
    void setUp() throws Exception {
        client = new HyperproofTestClient(HYPERPROOF.emulator().baseUri());
        token = client.token("client", "secret");
    }

    @Test
    void shouldAnswer429WithTheDocumentedBodyAndOptionalRetryAfter() throws Exception {
        HYPERPROOF.emulator().faults().enqueue(Fault.tooManyRequests(Duration.ofSeconds(7)), Fault.tooManyRequests());

        HttpResponse<String> withHeader = client.get("/v1/controls", token);
        HttpResponse<String> withoutHeader = client.get("/v1/controls", token);
        HttpResponse<String> recovered = client.get("/v1/controls", token);

        assertThat(withHeader.statusCode()).isEqualTo(429);
        assertThat(withHeader.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(json(withHeader).get("statusCode").getAsInt()).isEqualTo(429);
        assertThat(withoutHeader.statusCode()).isEqualTo(429);
        assertThat(withoutHeader.headers().firstValue("Retry-After")).isEmpty();
        assertThat(json(withoutHeader).get("message").getAsString()).isEqualTo("Rate limit is exceeded. Try again in 5 seconds.");
        assertThat(recovered.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerTheBandwidthQuota403AndServerErrors() throws Exception {
        HYPERPROOF.emulator().faults().enqueue(Fault.bandwidthQuotaExceeded(), Fault.serverError(502), Fault.serverError(503));

        HttpResponse<String> quota = client.get("/v1/controls", token);

        assertThat(quota.statusCode()).isEqualTo(403);
        assertThat(quota.body()).isEqualTo("{\"statusCode\":403,\"message\":\"Bandwidth quota exceeded. Try again later.\"}");
        assertThat(client.get("/v1/controls", token).statusCode()).isEqualTo(502);
        assertThat(client.get("/v1/controls", token).statusCode()).isEqualTo(503);
        assertThat(HYPERPROOF.emulator().faults().pending()).isZero();
    }

    @Test
    void shouldNotStoreAnUploadThatGotAFaultResponse() throws Exception {
        HYPERPROOF.emulator().faults().enqueue(Fault.serverError(500));

        HttpResponse<String> response = upload();

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
    }

    @Test
    void shouldGiveAPathSpecificFaultOnlyToMatchingRequestsAndBeforeGlobalOnes() throws Exception {
        HYPERPROOF.emulator().faults().enqueue(Fault.serverError(503));
        HYPERPROOF.emulator().faults().enqueue("POST", "/v1/controls/.+/proof", Fault.tooManyRequests());

        assertThat(upload().statusCode()).isEqualTo(429);
        assertThat(upload().statusCode()).isEqualTo(503);
        assertThat(upload().statusCode()).isEqualTo(200);
        assertThat(client.get("/v1/controls", token).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldLeaveAMethodSpecificFaultForARequestWithThatMethod() throws Exception {
        HYPERPROOF.emulator().faults().enqueue("POST", "/v1/proof", Fault.tooManyRequests());

        assertThat(client.get("/v1/proof", token).statusCode()).isEqualTo(200);
        assertThat(HYPERPROOF.emulator().faults().pending()).isEqualTo(1);
        assertThat(client.upload("/v1/proof", token, new MultipartBody()
                .file("proof", "a.txt", "text/plain", "a".getBytes(StandardCharsets.UTF_8))
                .field("hp-proof-owned-by", owner.toString())).statusCode()).isEqualTo(429);
    }

    @Test
    void shouldDelayAndThenAnswerNormally() throws Exception {
        HYPERPROOF.emulator().faults().enqueue(Fault.delay(Duration.ofMillis(400)));
        long start = System.nanoTime();

        HttpResponse<String> response = client.get("/v1/controls", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void shouldDropTheConnectionWithoutAResponseSoTheJdkClientFails() throws Exception {
        HYPERPROOF.emulator().faults().enqueue(Fault.dropConnection());

        assertThatThrownBy(this::upload).isInstanceOf(IOException.class);
        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
        assertThat(HYPERPROOF.emulator().requests()).last().satisfies(request -> {
            assertThat(request.responded()).isFalse();
            assertThat(request.status()).isEqualTo(RecordedRequest.NO_RESPONSE);
        });
        assertThat(upload().statusCode()).isEqualTo(200);
    }

    @Test
    void shouldStoreTheUploadButDropTheConnectionForAcceptThenDrop() throws Exception {
        HYPERPROOF.emulator().faults().enqueue("/v1/controls/.+/proof", Fault.acceptThenDropConnection());

        assertThatThrownBy(this::upload).isInstanceOf(IOException.class);

        assertThat(HYPERPROOF.emulator().proofsForControl(control)).singleElement()
                .satisfies(proof -> assertThat(proof.latest().filename()).isEqualTo("scan.json"));
        assertThat(HYPERPROOF.emulator().requests()).last().satisfies(request -> assertThat(request.responded()).isFalse());
    }

    @Test
    void shouldApplyFaultsToTheTokenEndpointToo() throws Exception {
        HYPERPROOF.emulator().faults().enqueue("/oauth/token", Fault.serverError(503));

        assertThat(client.requestToken("client", "secret").statusCode()).isEqualTo(503);
        assertThat(client.requestToken("client", "secret").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> upload() throws IOException, InterruptedException {
        return client.upload("/v1/controls/" + control + "/proof", token, new MultipartBody()
                .file("proof", "scan.json", "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                .field("hp-proof-owned-by", owner.toString()));
    }
}
