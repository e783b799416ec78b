package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.sandbox.ssm.SsmEmulatorExtension;
import io.evidencesync.sandbox.ssm.SsmEmulatorSettings;
import io.evidencesync.sandbox.time.MutableClock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

class SsmParameterStoreTest {
    @RegisterExtension
    static final SsmEmulatorExtension SSM = new SsmEmulatorExtension(
            SsmEmulatorSettings.defaults().withCredentials("AKIDSSM", "ssm-secret"));

    private static SsmParameterStore store(String secretKey) {
        return new SsmParameterStore(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSSM", secretKey)), "us-east-1",
                SSM.emulator().endpoint());
    }

    @Test
    void shouldReadBothSecureStringsInOneSignedCall() {
        SSM.emulator().putSecureString("/hyperproof/CLIENT_ID", "client-1");
        SSM.emulator().putSecureString("/hyperproof/CLIENT_SECRET", "secret-1");

        assertThat(store("ssm-secret").getDecrypted(List.of("/hyperproof/CLIENT_ID", "/hyperproof/CLIENT_SECRET")))
                .containsEntry("/hyperproof/CLIENT_ID", "client-1").containsEntry("/hyperproof/CLIENT_SECRET", "secret-1");
        assertThat(SSM.emulator().calls()).hasSize(1);
    }

    @Test
    void shouldNameMissingParametersAndRefuseBadSignatures() {
        SSM.emulator().putSecureString("/hyperproof/CLIENT_ID", "client-1");

        assertThatThrownBy(() -> store("ssm-secret").getDecrypted(List.of("/hyperproof/CLIENT_ID", "/hyperproof/CLIENT_SECRET")))
                .isInstanceOf(EvidenceException.class).hasMessageContaining("/hyperproof/CLIENT_SECRET");
        assertThatThrownBy(() -> store("wrong").getDecrypted(List.of("/hyperproof/CLIENT_ID")))
                .isInstanceOf(EvidenceException.class).hasMessageContaining("SSM GetParameters failed");
    }

    @Test
    void shouldCacheTheCredentialsForTheirTtlAndDropThemOnRejection() {
        SSM.emulator().putSecureString("/id", "client-1");
        SSM.emulator().putSecureString("/secret", "secret-1");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
        SecretsCache cache = new SecretsCache(store("ssm-secret"), "/id", "/secret", Duration.ofMinutes(5), clock);

        cache.get();
        clock.advance(Duration.ofMinutes(4));
        cache.get();
        assertThat(SSM.emulator().calls()).hasSize(1);
        clock.advance(Duration.ofMinutes(2));
        cache.get();
        assertThat(SSM.emulator().calls()).hasSize(2);
        cache.invalidate();
        assertThat(cache.get().clientSecret()).isEqualTo("secret-1");
        assertThat(SSM.emulator().calls()).hasSize(3);
        assertThat(cache.get().toString()).doesNotContain("secret-1");
    }

    static Clock fixed() {
        return Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    }
}
