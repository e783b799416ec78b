package io.evidencesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

/** Drives a started sandbox only through what its endpoints JSON says, as a demo client would. */
class SandboxTest {
    private static Sandbox sandbox;
    private static JsonObject endpoints;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        endpoints = JsonParser.parseString(sandbox.endpointsJson()).getAsJsonObject();
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    @Test
    void shouldOfferAVersionedEvidenceBucketWithThePrintedKeyPair() {
        JsonObject s3Json = endpoints.getAsJsonObject("s3");
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(s3Json.get("endpoint").getAsString()))
                .region(Region.of(s3Json.get("region").getAsString()))
                .forcePathStyle(true)
                .credentialsProvider(credentials(s3Json))
                .httpClient(ApacheHttpClient.create())
                .build()) {
            String versionId = s3.putObject(r -> r.bucket(s3Json.get("bucket").getAsString()).key("evidence/a.json"),
                    RequestBody.fromString("{}")).versionId();

            assertThat(s3Json.get("bucket").getAsString()).isEqualTo("evidence-sandbox");
            assertThat(versionId).isNotBlank();
        }
    }

    @Test
    void shouldLetAClientGetHyperproofCredentialsFromSsmAndSeeTheSeededControls() throws Exception {
        JsonObject hyperproofJson = endpoints.getAsJsonObject("hyperproof");
        List<Parameter> credentials = hyperproofCredentialsFromSsm();
        assertThat(credentials).hasSize(2);

        HttpClient http = HttpClient.newHttpClient();
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(credentials.get(0).value(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(credentials.get(1).value(), StandardCharsets.UTF_8);
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(hyperproofJson.get("tokenUrl").getAsString()))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(200);
        String accessToken = JsonParser.parseString(token.body()).getAsJsonObject().get("access_token").getAsString();
        HttpResponse<String> controls = http.send(HttpRequest.newBuilder(
                URI.create(hyperproofJson.get("apiUrl").getAsString() + "/v1/controls"))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());

        List<String> seen = new ArrayList<>();
        for (JsonElement control : JsonParser.parseString(controls.body()).getAsJsonArray()) {
            JsonObject object = control.getAsJsonObject();
            String identifier = object.get("controlIdentifier").getAsString();
            seen.add(identifier);
            assertThat(object.get("id").getAsString())
                    .isEqualTo(hyperproofJson.getAsJsonObject("controls").get(identifier).getAsString());
        }
        assertThat(seen).containsExactly("OSPS-QA-07.01", "SOC2-CC7.2");
        assertThat(sandbox.hyperproof().proofs()).isEmpty();
        UUID owner = UUID.fromString(hyperproofJson.get("ownerUserId").getAsString());
        assertThat(owner).isEqualTo(sandbox.ownerUserId());
    }

    @Test
    void shouldNotPrintTheHyperproofClientCredentials() {
        List<Parameter> credentials = hyperproofCredentialsFromSsm();

        assertThat(credentials).extracting(Parameter::value).allSatisfy(value -> {
            assertThat(value).hasSizeGreaterThanOrEqualTo(32);
            assertThat(sandbox.endpointsJson()).doesNotContain(value);
        });
    }

    private static List<Parameter> hyperproofCredentialsFromSsm() {
        JsonObject ssmJson = endpoints.getAsJsonObject("ssm");
        try (SsmClient ssm = SsmClient.builder()
                .endpointOverride(URI.create(ssmJson.get("endpoint").getAsString()))
                .region(Region.of(ssmJson.get("region").getAsString()))
                .credentialsProvider(credentials(ssmJson))
                .httpClient(ApacheHttpClient.create())
                .build()) {
            return ssm.getParameters(r -> r.withDecryption(true).names(
                    ssmJson.get("clientIdParameter").getAsString(), ssmJson.get("clientSecretParameter").getAsString())).parameters();
        }
    }

    private static StaticCredentialsProvider credentials(JsonObject json) {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(json.get("accessKey").getAsString(), json.get("secretKey").getAsString()));
    }
}
