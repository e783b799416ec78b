package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.evidencesync.core.EvidenceException;

class BridgeConfigTest {
    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void shouldApplyTheDocumentedDefaults() {
        BridgeConfig config = BridgeConfig.fromEnvironment(env());

        assertThat(config.clientIdPath()).isEqualTo("/hyperproof/CLIENT_ID");
        assertThat(config.clientSecretPath()).isEqualTo("/hyperproof/CLIENT_SECRET");
        assertThat(config.endpoints().apiUrl()).hasToString("https://api.hyperproof.app");
        assertThat(config.endpoints().tokenUrl()).hasToString("https://accounts.hyperproof.app/oauth/token");
        assertThat(config.receiptsPrefix()).isEqualTo("evidence-sync-receipts/");
        assertThat(config.controlId()).isNull();
        assertThat(config.controlMap()).isEmpty();
        assertThat(config.ownerId()).isNull();
        assertThat(config.bucketAllowed("any-bucket")).isTrue();
        assertThat(config.s3PathStyle()).isFalse();
        assertThat(config.ssmEndpoint()).isNull();
        assertThat(config.secretsTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.staleClaimAfter()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void shouldReadEverySetting() {
        BridgeConfig config = BridgeConfig.fromEnvironment(env(
                "SSM_CLIENT_ID_PATH", "/hp/id", "SSM_SECRET_PATH", "/hp/secret",
                "CONTROL_ID", "CC-1.1", "CONTROL_MAP", "{\"OSPS-QA-07.01\": \"CC-7.2\"}",
                "HYPERPROOF_API_URL", "https://api.hyperproof.eu", "HYPERPROOF_TOKEN_URL", "https://accounts.hyperproof.eu/oauth/token",
                "HYPERPROOF_OWNER_ID", "owner-uuid", "ALLOWED_BUCKETS", "evidence-a, evidence-b",
                "RECEIPTS_PREFIX", "receipts/", "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000",
                "AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:9001", "CLAIM_STALE_AFTER_SECONDS", "120"));

        assertThat(config.clientIdPath()).isEqualTo("/hp/id");
        assertThat(config.controlMap()).containsEntry("OSPS-QA-07.01", "CC-7.2");
        assertThat(config.endpoints().apiUrl()).hasHost("api.hyperproof.eu");
        assertThat(config.bucketAllowed("evidence-b")).isTrue();
        assertThat(config.bucketAllowed("other")).isFalse();
        assertThat(config.receiptsPrefix()).isEqualTo("receipts/");
        assertThat(config.s3PathStyle()).isTrue();
        assertThat(config.ssmEndpoint()).hasPort(9001);
        assertThat(config.staleClaimAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void shouldNameTheVariableOfABadSetting() {
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env("CONTROL_MAP", "{not json")))
                .isInstanceOf(EvidenceException.class).hasMessageStartingWith("CONTROL_MAP");
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env("CONTROL_MAP", "[\"a\"]")))
                .hasMessageStartingWith("CONTROL_MAP");
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env("CONTROL_MAP", "{\"a\": 1}")))
                .hasMessageStartingWith("CONTROL_MAP");
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env("HYPERPROOF_API_URL", "http://api.hyperproof.app")))
                .hasMessageStartingWith("HYPERPROOF_API_URL");
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env("HYPERPROOF_TOKEN_URL", "http://example.com/token")))
                .hasMessageStartingWith("HYPERPROOF_TOKEN_URL");
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env("ALLOWED_BUCKETS", "Bad_Bucket")))
                .hasMessageStartingWith("ALLOWED_BUCKETS");
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env("RECEIPTS_PREFIX", "/abs")))
                .hasMessageStartingWith("RECEIPTS_PREFIX");
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env("RECEIPTS_PREFIX", "r".repeat(90))))
                .hasMessageStartingWith("RECEIPTS_PREFIX is 91 bytes; at most 90");
        assertThat(BridgeConfig.fromEnvironment(env("RECEIPTS_PREFIX", "r".repeat(89))).receiptsPrefix()).hasSize(90);
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env("SSM_SECRET_PATH", "has space")))
                .hasMessageStartingWith("SSM_SECRET_PATH");
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env("CLAIM_STALE_AFTER_SECONDS", "soon")))
                .hasMessageStartingWith("CLAIM_STALE_AFTER_SECONDS");
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(Map.of()))
                .hasMessageStartingWith("AWS_REGION");
    }
}
