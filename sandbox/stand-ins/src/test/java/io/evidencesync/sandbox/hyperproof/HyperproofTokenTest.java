package io.evidencesync.sandbox.hyperproof;

import static io.evidencesync.sandbox.hyperproof.HyperproofTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.evidencesync.sandbox.time.MutableClock;

class HyperproofTokenTest {
    private static final String CLIENT_ID = "3c6b0b5f2a5e4c0f9d1e8a7b6c5d4e3f";
    private static final String SECRET = "s3cr+t&with=odd chars%";
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @RegisterExtension
    static final HyperproofEmulatorExtension HYPERPROOF = new HyperproofEmulatorExtension(
            HyperproofEmulatorSettings.defaults().withClock(CLOCK).withTokenLifetime(Duration.ofMinutes(10)));

    private HyperproofTestClient client;

    @BeforeAll
    static void seed() {
        HYPERPROOF.emulator().addServiceAccount(CLIENT_ID, SECRET);
    }

    @BeforeEach
    void setUp() {
        client = new HyperproofTestClient(HYPERPROOF.emulator().baseUri());
    }

    @Test
    void shouldIssueABearerTokenWithTheConfiguredLifetimeForFormEncodedClientCredentials() throws Exception {
        HttpResponse<String> response = client.requestToken(CLIENT_ID, SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(json(response).get("token_type").getAsString()).isEqualTo("Bearer");
        assertThat(json(response).get("expires_in").getAsLong()).isEqualTo(600);
        assertThat(json(response).get("access_token").getAsString()).hasSizeGreaterThan(20);
    }

    @Test
    void shouldRejectAWrongSecretWith401InvalidClient() throws Exception {
        HttpResponse<String> response = client.requestToken(CLIENT_ID, "s3cr t&with=odd chars%");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("error").getAsString()).isEqualTo("invalid_client");
    }

    @Test
    void shouldRejectAnUnknownClientId() throws Exception {
        assertThat(client.requestToken("unknown", SECRET).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRejectASecretSentWithoutUrlEncoding() throws Exception {
        // '+' decodes to a space and '&' splits the value, so a client that forgets to encode must fail
        HttpResponse<String> response = client.postText("/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret=" + SECRET);

        assertThat(response.statusCode()).isIn(400, 401);
    }

    @Test
    void shouldRejectJsonAndOtherGrantTypes() throws Exception {
        HttpResponse<String> asJson = client.postText("/oauth/token", "application/json",
                "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\"x\"}");
        HttpResponse<String> passwordGrant = client.postText("/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=password&client_id=" + CLIENT_ID);
        HttpResponse<String> noGrant = client.postText("/oauth/token", "application/x-www-form-urlencoded", "client_id=" + CLIENT_ID);

        assertThat(asJson.statusCode()).isEqualTo(400);
        assertThat(json(asJson).get("error").getAsString()).isEqualTo("invalid_request");
        assertThat(passwordGrant.statusCode()).isEqualTo(400);
        assertThat(json(passwordGrant).get("error").getAsString()).isEqualTo("unsupported_grant_type");
        assertThat(json(noGrant).get("error").getAsString()).isEqualTo("invalid_request");
    }

    @Test
    void shouldAnswer405ForAGetOnTheTokenEndpoint() throws Exception {
        HttpResponse<String> response = client.get("/oauth/token", "irrelevant");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void shouldRequireABearerTokenOnEveryApiPath() throws Exception {
        HttpResponse<String> noHeader = client.send(java.net.http.HttpRequest.newBuilder(
                HYPERPROOF.emulator().baseUri().resolve("/v1/controls")).GET());
        HttpResponse<String> basic = client.send(java.net.http.HttpRequest.newBuilder(
                HYPERPROOF.emulator().baseUri().resolve("/v1/controls")).header("Authorization", "Basic Zm9vOmJhcg==").GET());
        HttpResponse<String> unknown = client.get("/v1/proof", "not-a-token");

        assertThat(noHeader.statusCode()).isEqualTo(401);
        assertThat(noHeader.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    @Test
    void shouldAcceptATokenUntilItsLifetimeHasPassed() throws Exception {
        String token = client.token(CLIENT_ID, SECRET);

        CLOCK.advance(Duration.ofMinutes(10).minusSeconds(1));
        int justBefore = client.get("/v1/controls", token).statusCode();
        CLOCK.advance(Duration.ofSeconds(1));
        int atExpiry = client.get("/v1/controls", token).statusCode();

        assertThat(justBefore).isEqualTo(200);
        assertThat(atExpiry).isEqualTo(401);
    }

    @Test
    void shouldRefuseRevokedTokensButIssueNewOnes() throws Exception {
        String old = client.token(CLIENT_ID, SECRET);

        HYPERPROOF.emulator().revokeAllTokens();

        assertThat(client.get("/v1/controls", old).statusCode()).isEqualTo(401);
        assertThat(client.get("/v1/controls", client.token(CLIENT_ID, SECRET)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldNeverExposeTheClientSecretOrTokenInRecordedRequests() throws Exception {
        String token = client.token(CLIENT_ID, SECRET);
        client.get("/v1/controls", token);

        assertThat(HYPERPROOF.emulator().requests()).hasSize(2).allSatisfy(request -> {
            assertThat(request.toString()).doesNotContain(SECRET).doesNotContain(token);
        });
        assertThat(HYPERPROOF.emulator().requests().get(0).formFields())
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry("client_secret", RecordedRequest.REDACTED);
        assertThat(HYPERPROOF.emulator().requests().get(1).header("authorization")).hasValue("Bearer " + token);
    }
}
