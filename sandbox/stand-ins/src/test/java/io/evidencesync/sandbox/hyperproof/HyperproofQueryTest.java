package io.evidencesync.sandbox.hyperproof;

import static io.evidencesync.sandbox.hyperproof.HyperproofTestClient.json;
import static io.evidencesync.sandbox.hyperproof.HyperproofTestClient.jsonElement;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.evidencesync.sandbox.time.MutableClock;

class HyperproofQueryTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @RegisterExtension
    static final HyperproofEmulatorExtension HYPERPROOF = new HyperproofEmulatorExtension(
            HyperproofEmulatorSettings.defaults().withClock(CLOCK));

    private static UUID owner;
    private static UUID qaControl;
    private static UUID ccControl;
    private static UUID archivedControl;
    private static UUID label;

    private HyperproofTestClient client;
    private String token;

    @BeforeAll
    static void seed() {
        HyperproofEmulator hp = HYPERPROOF.emulator();
        hp.addServiceAccount("client", "secret");
        owner = hp.addUser("owner@example.com");
        qaControl = hp.addControl("OSPS-QA-07.01", "Quality assurance");
        ccControl = hp.addControl("SOC2-CC7.2", "Change monitoring");
        archivedControl = hp.addControl("OLD-1", "Retired", "archived");
        label = hp.addLabel("CI evidence");
    }

    @BeforeEach
    void setUp() throws Exception {
        client = new HyperproofTestClient(HYPERPROOF.emulator().baseUri());
        token = client.token("client", "secret");
    }

    @Test
    void shouldListSeededControlsWithTheirIdentifiersAndFilterByStatus() throws Exception {
        HttpResponse<String> all = client.get("/v1/controls?canLink=true&expandScopes=true", token);
        HttpResponse<String> active = client.get("/v1/controls?status=active", token);

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(identifiers(jsonElement(all).getAsJsonArray())).containsExactly("OSPS-QA-07.01", "SOC2-CC7.2", "OLD-1");
        assertThat(identifiers(jsonElement(active).getAsJsonArray())).containsExactly("OSPS-QA-07.01", "SOC2-CC7.2");
        JsonObject first = jsonElement(all).getAsJsonArray().get(0).getAsJsonObject();
        assertThat(first.get("id").getAsString()).isEqualTo(qaControl.toString());
        assertThat(first.get("name").getAsString()).isEqualTo("Quality assurance");
        assertThat(first.get("status").getAsString()).isEqualTo("active");
    }

    @Test
    void shouldReturnOneControlByIdAnd404ForAnUnknownOne() throws Exception {
        HttpResponse<String> found = client.get("/v1/controls/" + ccControl, token);
        HttpResponse<String> missing = client.get("/v1/controls/" + UUID.randomUUID(), token);

        assertThat(json(found).get("controlIdentifier").getAsString()).isEqualTo("SOC2-CC7.2");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("statusCode").getAsInt()).isEqualTo(404);
    }

    @Test
    void shouldRejectANonBooleanFlag() throws Exception {
        assertThat(client.get("/v1/controls?canLink=yes", token).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldListLabelsAndUsers() throws Exception {
        assertThat(jsonElement(client.get("/v1/labels", token)).getAsJsonArray()).singleElement()
                .satisfies(element -> assertThat(element.getAsJsonObject().get("id").getAsString()).isEqualTo(label.toString()));
        assertThat(jsonElement(client.get("/v1/users", token)).getAsJsonArray()).singleElement()
                .satisfies(element -> assertThat(element.getAsJsonObject().get("id").getAsString()).isEqualTo(owner.toString()));
    }

    @Test
    void shouldReturnMetadataAndContentsOfTheLatestOrARequestedVersion() throws Exception {
        UUID proofId = upload("/v1/controls/" + qaControl + "/proof", "report.txt", "first");
        upload("/v1/proof/" + proofId + "/versions", "report.txt", "second");

        HttpResponse<String> metadata = client.get("/v1/proof/" + proofId, token);
        HttpResponse<byte[]> latest = client.getBytes("/v1/proof/" + proofId + "/contents", token);
        HttpResponse<byte[]> first = client.getBytes("/v1/proof/" + proofId + "/contents?version=0", token);
        HttpResponse<byte[]> missingVersion = client.getBytes("/v1/proof/" + proofId + "/contents?version=2", token);

        assertThat(json(metadata).get("version").getAsInt()).isEqualTo(1);
        assertThat(latest.body()).asString(StandardCharsets.UTF_8).isEqualTo("second");
        assertThat(latest.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(first.body()).asString(StandardCharsets.UTF_8).isEqualTo("first");
        assertThat(missingVersion.statusCode()).isEqualTo(404);
        assertThat(client.get("/v1/proof/" + UUID.randomUUID(), token).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldPageThroughProofNewestFirstWithNextToken() throws Exception {
        List<UUID> uploaded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uploaded.add(upload("/v1/proof", "file-" + i + ".txt", "content " + i));
            CLOCK.advance(Duration.ofSeconds(1));
        }

        JsonObject page1 = json(client.get("/v1/proof?limit=2", token));
        JsonObject page2 = json(client.get("/v1/proof?limit=2&nextToken=" + page1.get("nextToken").getAsString(), token));
        JsonObject page3 = json(client.get("/v1/proof?limit=2&nextToken=" + page2.get("nextToken").getAsString(), token));

        List<String> seen = new ArrayList<>();
        seen.addAll(ids(page1.getAsJsonArray("data")));
        seen.addAll(ids(page2.getAsJsonArray("data")));
        seen.addAll(ids(page3.getAsJsonArray("data")));
        assertThat(seen).containsExactly(uploaded.get(4).toString(), uploaded.get(3).toString(), uploaded.get(2).toString(),
                uploaded.get(1).toString(), uploaded.get(0).toString());
        assertThat(page3.has("nextToken")).isFalse();
    }

    @Test
    void shouldDefaultTo25PerPageAndSortAscendingOnRequest() throws Exception {
        for (int i = 0; i < 26; i++) {
            upload("/v1/proof", "file-" + i + ".txt", "x");
            CLOCK.advance(Duration.ofSeconds(1));
        }

        JsonObject defaultPage = json(client.get("/v1/proof", token));
        JsonObject ascending = json(client.get("/v1/proof?sortDirection=asc&limit=1", token));

        assertThat(defaultPage.getAsJsonArray("data")).hasSize(25);
        assertThat(defaultPage.has("nextToken")).isTrue();
        assertThat(ascending.getAsJsonArray("data").get(0).getAsJsonObject().get("filename").getAsString()).isEqualTo("file-0.txt");
    }

    @Test
    void shouldFilterProofByLinkedControlOrLabel() throws Exception {
        UUID onQa = upload("/v1/controls/" + qaControl + "/proof", "qa.txt", "qa");
        upload("/v1/controls/" + ccControl + "/proof", "cc.txt", "cc");
        UUID onLabel = upload("/v1/labels/" + label + "/proof", "label.txt", "label");

        JsonObject forQa = json(client.get("/v1/proof?objectType=control&objectId=" + qaControl, token));
        JsonObject forLabel = json(client.get("/v1/proof?objectType=label&objectId=" + label, token));
        JsonObject forArchived = json(client.get("/v1/proof?objectType=control&objectId=" + archivedControl, token));

        assertThat(ids(forQa.getAsJsonArray("data"))).containsExactly(onQa.toString());
        assertThat(ids(forLabel.getAsJsonArray("data"))).containsExactly(onLabel.toString());
        assertThat(forArchived.getAsJsonArray("data")).isEmpty();
    }

    @Test
    void shouldRejectInvalidListParameters() throws Exception {
        assertThat(client.get("/v1/proof?limit=501", token).statusCode()).isEqualTo(400);
        assertThat(client.get("/v1/proof?limit=0", token).statusCode()).isEqualTo(400);
        assertThat(client.get("/v1/proof?limit=ten", token).statusCode()).isEqualTo(400);
        assertThat(client.get("/v1/proof?objectType=task&objectId=" + UUID.randomUUID(), token).statusCode()).isEqualTo(400);
        assertThat(client.get("/v1/proof?objectType=control", token).statusCode()).isEqualTo(400);
        assertThat(client.get("/v1/proof?nextToken=garbage!", token).statusCode()).isEqualTo(400);
        assertThat(client.get("/v1/proof?limit=500", token).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer404ForUnknownPaths() throws Exception {
        assertThat(client.get("/v1/nothing", token).statusCode()).isEqualTo(404);
        assertThat(client.get("/v2/controls", token).statusCode()).isEqualTo(404);
    }

    private UUID upload(String path, String filename, String content) throws Exception {
        HttpResponse<String> response = client.upload(path, token, new MultipartBody()
                .file("proof", filename, "text/plain", content.getBytes(StandardCharsets.UTF_8))
                .field("hp-proof-owned-by", owner.toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return UUID.fromString(json(response).get("id").getAsString());
    }

    private static List<String> identifiers(JsonArray controls) {
        List<String> result = new ArrayList<>();
        for (JsonElement control : controls) {
            result.add(control.getAsJsonObject().get("controlIdentifier").getAsString());
        }
        return result;
    }

    private static List<String> ids(JsonArray items) {
        List<String> result = new ArrayList<>();
        for (JsonElement item : items) {
            result.add(item.getAsJsonObject().get("id").getAsString());
        }
        return result;
    }
}
