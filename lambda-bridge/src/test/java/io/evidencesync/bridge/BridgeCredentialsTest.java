package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

class BridgeCredentialsTest {
    @Test
    void shouldUseTheExecutionRoleKeysLambdaPutsInTheEnvironment() {
        var credentials = Bridge.credentials(Map.of("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY",
                "secret-example", "AWS_SESSION_TOKEN", "token-example")).resolveCredentials();

        assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
        assertThat(credentials.accessKeyId()).isEqualTo("ASIAEXAMPLE");
        assertThat(credentials.secretAccessKey()).isEqualTo("secret-example");
        assertThat(((AwsSessionCredentials) credentials).sessionToken()).isEqualTo("token-example");
    }

    @Test
    void shouldFallBackToTheDefaultChainWithoutKeysAsUnderSnapStart() {
        assertThat(Bridge.credentials(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/creds")))
                .isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(Bridge.credentials(Map.of("AWS_ACCESS_KEY_ID", "AKIDONLY", "AWS_SECRET_ACCESS_KEY", " ")))
                .isInstanceOf(DefaultCredentialsProvider.class);
    }
}
