package io.evidencesync.sandbox.hyperproof;

import static io.evidencesync.sandbox.hyperproof.HyperproofTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.Map;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.gson.JsonObject;

import io.evidencesync.sandbox.time.MutableClock;

class HyperproofUploadTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private static final byte[] EVIDENCE = "{\"scan\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static final HyperproofEmulatorExtension HYPERPROOF = new HyperproofEmulatorExtension(
            HyperproofEmulatorSettings.defaults().withClock(CLOCK).withMaxProofSizeBytes(1024));

    private static UUID serviceAccount;
    private static UUID owner;
    private static UUID personalUser;
    private static UUID control;
    private static UUID label;
    private static UUID task;

    private HyperproofTestClient client;
    private String serviceToken;

    @BeforeAll
    static void seed() {
        HyperproofEmulator hp = HYPERPROOF.emulator();
        serviceAccount = hp.addServiceAccount("service-client", "service-secret");
        owner = hp.addUser("owner@example.com");
        personalUser = hp.addUser("dev@example.com");
        hp.addPersonalClient("personal-client", "personal-secret", personalUser);
        control = hp.addControl("SOC2-CC7.2", "Change monitoring");
        label = hp.addLabel("CI evidence");
        task = hp.addTask("Collect scan results");
    }

    @BeforeEach
    void setUp() throws Exception {
        client = new HyperproofTestClient(HYPERPROOF.emulator().baseUri());
        serviceToken = client.token("service-client", "service-secret");
    }

    @Test
    void shouldStoreAnUploadToAControlAndAnswerWithTheProofObject() throws Exception {
        HttpResponse<String> response = client.upload("/v1/controls/" + control + "/proof", serviceToken, new MultipartBody()
                .file("proof", "my file:1.json", "application/json", EVIDENCE)
                .field("hp-proof-owned-by", owner.toString())
                .field("hp-proof-source-id", "github-actions")
                .field("hp-proof-source-file-id", "s3://evidence/run-42/scan.json")
                .field("hp-proof-source-modified-on", "2026-03-01T09:59:00.000Z"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject proof = json(response);
        assertThat(proof.get("filename").getAsString()).isEqualTo("my file:1.json");
        assertThat(proof.get("contentType").getAsString()).isEqualTo("application/json");
        assertThat(proof.get("fileExtension").getAsString()).isEqualTo("json");
        assertThat(proof.get("size").getAsLong()).isEqualTo(EVIDENCE.length);
        assertThat(proof.get("version").getAsInt()).isZero();
        assertThat(proof.get("orgId").getAsString()).isEqualTo(HYPERPROOF.emulator().orgId().toString());
        assertThat(proof.get("ownedBy").getAsString()).isEqualTo(owner.toString());
        assertThat(proof.get("createdBy").getAsString()).isEqualTo(serviceAccount.toString());
        assertThat(proof.get("status").getAsString()).isEqualTo("active");
        assertThat(proof.get("uploadedOn").getAsString()).isEqualTo("2026-03-01T10:00:00.000Z");
        assertThat(proof.get("createdOn").getAsString()).isEqualTo("2026-03-01T10:00:00.000Z");
        assertThat(proof.get("sourceId").getAsString()).isEqualTo("github-actions");
        assertThat(proof.get("sourceFileId").getAsString()).isEqualTo("s3://evidence/run-42/scan.json");
        assertThat(proof.get("sourceModifiedOn").getAsString()).isEqualTo("2026-03-01T09:59:00.000Z");

        UUID proofId = UUID.fromString(proof.get("id").getAsString());
        assertThat(HYPERPROOF.emulator().proofsForControl(control)).singleElement().satisfies(stored -> {
            assertThat(stored.id()).isEqualTo(proofId);
            assertThat(stored.links()).containsExactly(new ProofLink(ProofObjectType.CONTROL, control));
            assertThat(stored.latest().sha256()).isEqualTo(sha256(EVIDENCE));
            assertThat(stored.latest().sourceFileId()).hasValue("s3://evidence/run-42/scan.json");
        });
        assertThat(HYPERPROOF.emulator().proofContent(proofId, 0)).isEqualTo(EVIDENCE);
    }

    @Test
    void shouldRecordTheUploadsPartsAndFields() throws Exception {
        client.upload("/v1/controls/" + control + "/proof", serviceToken, new MultipartBody()
                .field("hp-proof-owned-by", owner.toString())
                .field("contentType", "text/csv")
                .file("proof", "results.csv", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));

        RecordedRequest upload = HYPERPROOF.emulator().requests().get(1);
        assertThat(upload.method()).isEqualTo("POST");
        assertThat(upload.path()).isEqualTo("/v1/controls/" + control + "/proof");
        assertThat(upload.status()).isEqualTo(200);
        assertThat(upload.formFields()).containsExactly(
                Map.entry("hp-proof-owned-by", owner.toString()), Map.entry("contentType", "text/csv"));
        assertThat(upload.proofFile()).hasValue(
                new RecordedFile("proof", "results.csv", "text/csv", 8, sha256("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void shouldLinkUploadsToLabelsAndTasksAndKeepOrganizationUploadsUnlinked() throws Exception {
        MultipartBody body = new MultipartBody().file("proof", "a.txt", "text/plain", EVIDENCE).field("hp-proof-owned-by", owner.toString());

        assertThat(client.upload("/v1/labels/" + label + "/proof", serviceToken, body).statusCode()).isEqualTo(200);
        assertThat(client.upload("/v1/tasks/" + task + "/proof", serviceToken, body).statusCode()).isEqualTo(200);
        assertThat(client.upload("/v1/proof", serviceToken, body).statusCode()).isEqualTo(200);

        assertThat(HYPERPROOF.emulator().proofsForLabel(label)).hasSize(1);
        assertThat(HYPERPROOF.emulator().proofsForTask(task)).hasSize(1);
        assertThat(HYPERPROOF.emulator().proofs()).hasSize(3).last().satisfies(proof -> assertThat(proof.links()).isEmpty());
    }

    @Test
    void shouldAddVersionsThatKeepTheLinksAndCountUpFromZero() throws Exception {
        UUID proofId = uploadToControl("v0.json", "first");
        CLOCK.advance(Duration.ofMinutes(5));

        HttpResponse<String> second = client.upload("/v1/proof/" + proofId + "/versions", serviceToken, new MultipartBody()
                .file("proof", "v1.json", "application/json", "second".getBytes(StandardCharsets.UTF_8))
                .field("hp-proof-owned-by", owner.toString()));
        HttpResponse<String> third = client.upload("/v1/proof/" + proofId + "/versions", serviceToken, new MultipartBody()
                .file("proof", "v2.json", "application/json", "third".getBytes(StandardCharsets.UTF_8))
                .field("hp-proof-owned-by", owner.toString()));

        assertThat(json(second).get("version").getAsInt()).isEqualTo(1);
        assertThat(json(second).get("id").getAsString()).isEqualTo(proofId.toString());
        assertThat(json(second).get("createdOn").getAsString()).isEqualTo("2026-03-01T10:00:00.000Z");
        assertThat(json(second).get("uploadedOn").getAsString()).isEqualTo("2026-03-01T10:05:00.000Z");
        assertThat(json(third).get("version").getAsInt()).isEqualTo(2);
        assertThat(HYPERPROOF.emulator().proofsForControl(control)).singleElement().satisfies(proof -> {
            assertThat(proof.versions()).extracting(ProofVersion::filename).containsExactly("v0.json", "v1.json", "v2.json");
        });
        assertThat(HYPERPROOF.emulator().proofContent(proofId, 1)).asString(StandardCharsets.UTF_8).isEqualTo("second");
    }

    @Test
    void shouldAnswer404ForUnknownOrMalformedTargetIds() throws Exception {
        MultipartBody body = new MultipartBody().file("proof", "a.txt", "text/plain", EVIDENCE).field("hp-proof-owned-by", owner.toString());

        assertThat(client.upload("/v1/controls/" + UUID.randomUUID() + "/proof", serviceToken, body).statusCode()).isEqualTo(404);
        assertThat(client.upload("/v1/controls/SOC2-CC7.2/proof", serviceToken, body).statusCode()).isEqualTo(404);
        assertThat(client.upload("/v1/labels/" + control + "/proof", serviceToken, body).statusCode()).isEqualTo(404);
        assertThat(client.upload("/v1/tasks/" + UUID.randomUUID() + "/proof", serviceToken, body).statusCode()).isEqualTo(404);
        assertThat(client.upload("/v1/proof/" + UUID.randomUUID() + "/versions", serviceToken, body).statusCode()).isEqualTo(404);
        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
    }

    @Test
    void shouldRefuseAFileThatIsNotInPartProof() throws Exception {
        HttpResponse<String> wrongPart = client.upload("/v1/controls/" + control + "/proof", serviceToken, new MultipartBody()
                .file("file", "a.txt", "text/plain", EVIDENCE).field("hp-proof-owned-by", owner.toString()));
        HttpResponse<String> noFile = client.upload("/v1/controls/" + control + "/proof", serviceToken, new MultipartBody()
                .field("proof", "not a file").field("hp-proof-owned-by", owner.toString()));
        HttpResponse<String> twoFiles = client.upload("/v1/controls/" + control + "/proof", serviceToken, new MultipartBody()
                .file("proof", "a.txt", "text/plain", EVIDENCE).file("proof", "b.txt", "text/plain", EVIDENCE)
                .field("hp-proof-owned-by", owner.toString()));

        assertThat(wrongPart.statusCode()).isEqualTo(400);
        assertThat(json(wrongPart).get("message").getAsString()).contains("'file'", "'proof'");
        assertThat(noFile.statusCode()).isEqualTo(400);
        assertThat(twoFiles.statusCode()).isEqualTo(400);
        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
    }

    @Test
    void shouldRefuseAServiceAccountUploadWithoutAnOwner() throws Exception {
        HttpResponse<String> response = client.upload("/v1/controls/" + control + "/proof", serviceToken,
                new MultipartBody().file("proof", "a.txt", "text/plain", EVIDENCE));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").getAsString()).isEqualTo("Service accounts cannot be proof owners.");
        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
    }

    @Test
    void shouldRefuseAnOwnerThatIsNotASeededUser() throws Exception {
        HttpResponse<String> unknown = client.upload("/v1/controls/" + control + "/proof", serviceToken, new MultipartBody()
                .file("proof", "a.txt", "text/plain", EVIDENCE).field("hp-proof-owned-by", UUID.randomUUID().toString()));
        HttpResponse<String> serviceAccountAsOwner = client.upload("/v1/controls/" + control + "/proof", serviceToken,
                new MultipartBody().file("proof", "a.txt", "text/plain", EVIDENCE).field("hp-proof-owned-by", serviceAccount.toString()));
        HttpResponse<String> notAnId = client.upload("/v1/controls/" + control + "/proof", serviceToken, new MultipartBody()
                .file("proof", "a.txt", "text/plain", EVIDENCE).field("hp-proof-owned-by", "owner@example.com"));

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(serviceAccountAsOwner.statusCode()).isEqualTo(400);
        assertThat(notAnId.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldMakeThePersonalClientsUserTheOwnerWhenNoOwnerIsSent() throws Exception {
        String personalToken = client.token("personal-client", "personal-secret");

        HttpResponse<String> response = client.upload("/v1/controls/" + control + "/proof", personalToken,
                new MultipartBody().file("proof", "a.txt", "text/plain", EVIDENCE));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("ownedBy").getAsString()).isEqualTo(personalUser.toString());
        assertThat(json(response).get("createdBy").getAsString()).isEqualTo(personalUser.toString());
    }

    @Test
    void shouldRefuseAFileOfTheLimitOrMoreWith413AndAcceptOneByteLess() throws Exception {
        HttpResponse<String> atLimit = client.upload("/v1/controls/" + control + "/proof", serviceToken, new MultipartBody()
                .zeroFile("proof", "big.bin", 1024).field("hp-proof-owned-by", owner.toString()));
        HttpResponse<String> belowLimit = client.upload("/v1/controls/" + control + "/proof", serviceToken, new MultipartBody()
                .zeroFile("proof", "big.bin", 1023).field("hp-proof-owned-by", owner.toString()));

        assertThat(atLimit.statusCode()).isEqualTo(413);
        assertThat(belowLimit.statusCode()).isEqualTo(200);
        assertThat(HYPERPROOF.emulator().proofs()).singleElement()
                .satisfies(proof -> assertThat(proof.latest().size()).isEqualTo(1023));
    }

    @Test
    void shouldRefuseAMalformedBodyAndAModifiedOnThatIsNotIsoDateTime() throws Exception {
        HttpResponse<String> notMultipart = client.send(client.authorized("/v1/controls/" + control + "/proof", serviceToken)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> wrongBoundary = client.send(client.authorized("/v1/controls/" + control + "/proof", serviceToken)
                .header("Content-Type", "multipart/form-data; boundary=something-else")
                .POST(new MultipartBody().file("proof", "a.txt", "text/plain", EVIDENCE).publisher()));
        HttpResponse<String> badDate = client.upload("/v1/controls/" + control + "/proof", serviceToken, new MultipartBody()
                .file("proof", "a.txt", "text/plain", EVIDENCE).field("hp-proof-owned-by", owner.toString())
                .field("hp-proof-source-modified-on", "yesterday"));

        assertThat(notMultipart.statusCode()).isEqualTo(400);
        assertThat(wrongBoundary.statusCode()).isEqualTo(400);
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
    }

    private UUID uploadToControl(String filename, String content) throws Exception {
        HttpResponse<String> response = client.upload("/v1/controls/" + control + "/proof", serviceToken, new MultipartBody()
                .file("proof", filename, "application/json", content.getBytes(StandardCharsets.UTF_8))
                .field("hp-proof-owned-by", owner.toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return UUID.fromString(json(response).get("id").getAsString());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
