package io.evidencesync.sandbox.hyperproof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The default size limit, with real 100 MiB bodies streamed through the emulator. */
class HyperproofLargeUploadTest {
    private static final long LIMIT = 104_857_600L;

    @RegisterExtension
    static final HyperproofEmulatorExtension HYPERPROOF = new HyperproofEmulatorExtension();

    private static UUID owner;
    private static UUID control;

    @BeforeAll
    static void seed() {
        HYPERPROOF.emulator().addServiceAccount("client", "secret");
        owner = HYPERPROOF.emulator().addUser("owner@example.com");
        control = HYPERPROOF.emulator().addControl("SOC2-CC7.2", "Change monitoring");
    }

    @Test
    void shouldDefaultToTheSdkLimitOf100MiB() {
        assertThat(HYPERPROOF.emulator().settings().maxProofSizeBytes()).isEqualTo(LIMIT);
    }

    @Test
    void shouldRefuseAFileOfExactly100MiBWith413() throws Exception {
        HyperproofTestClient client = new HyperproofTestClient(HYPERPROOF.emulator().baseUri());

        HttpResponse<String> response = client.upload("/v1/controls/" + control + "/proof", client.token("client", "secret"),
                new MultipartBody().zeroFile("proof", "huge.bin", LIMIT).field("hp-proof-owned-by", owner.toString()));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(HYPERPROOF.emulator().proofs()).isEmpty();
        assertThat(HYPERPROOF.emulator().requests()).last()
                .satisfies(request -> assertThat(request.proofFile()).hasValueSatisfying(file -> {
                    assertThat(file.size()).isEqualTo(LIMIT);
                    assertThat(file.sha256()).isNull();
                }));
    }

    @Test
    void shouldStoreAFileOneByteBelow100MiBIntact() throws Exception {
        HyperproofTestClient client = new HyperproofTestClient(HYPERPROOF.emulator().baseUri());

        HttpResponse<String> response = client.upload("/v1/controls/" + control + "/proof", client.token("client", "secret"),
                new MultipartBody().zeroFile("proof", "almost.bin", LIMIT - 1).field("hp-proof-owned-by", owner.toString()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(HYPERPROOF.emulator().proofsForControl(control)).singleElement().satisfies(proof -> {
            assertThat(proof.latest().size()).isEqualTo(LIMIT - 1);
            assertThat(proof.latest().sha256()).isEqualTo(sha256OfZeros(LIMIT - 1));
        });
    }

    private static String sha256OfZeros(long count) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] zeros = new byte[64 * 1024];
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            for (long left = count; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
