package io.evidencesync.sandbox.hyperproof;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HyperproofEmulatorExtensionTest {
    @RegisterExtension
    static final HyperproofEmulatorExtension HYPERPROOF = new HyperproofEmulatorExtension();

    private static UUID owner;
    private static UUID control;
    private static String firstTestsToken;

    @BeforeAll
    static void seed() {
        HYPERPROOF.emulator().addServiceAccount("client", "secret");
        owner = HYPERPROOF.emulator().addUser("owner@example.com");
        control = HYPERPROOF.emulator().addControl("SOC2-CC7.2", "Change monitoring");
    }

    @Test
    @Order(1)
    void shouldServeTheFirstTest() throws Exception {
        HyperproofTestClient client = new HyperproofTestClient(HYPERPROOF.emulator().baseUri());
        firstTestsToken = client.token("client", "secret");
        client.upload("/v1/controls/" + control + "/proof", firstTestsToken, new MultipartBody()
                .file("proof", "a.txt", "text/plain", "a".getBytes(StandardCharsets.UTF_8))
                .field("hp-proof-owned-by", owner.toString()));
        HYPERPROOF.emulator().faults().enqueue(Fault.serverError(500));

        assertThat(HYPERPROOF.emulator().proofs()).hasSize(1);
    }

    @Test
    @Order(2)
    void shouldResetProofsRequestsFaultsAndTokensButKeepSeededObjectsBeforeTheNextTest() throws Exception {
        HyperproofTestClient client = new HyperproofTestClient(HYPERPROOF.emulator().baseUri());

        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
        assertThat(HYPERPROOF.emulator().requests()).isEmpty();
        assertThat(HYPERPROOF.emulator().faults().pending()).isZero();
        assertThat(client.get("/v1/controls/" + control, firstTestsToken).statusCode()).isEqualTo(401);
        assertThat(client.get("/v1/controls/" + control, client.token("client", "secret")).statusCode()).isEqualTo(200);
    }
}
