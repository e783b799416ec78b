package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;

import javax.net.ssl.HttpsURLConnection;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

class BridgeWiringTest {
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

    @Test
    void shouldOpenS3AndSsmConnectionsWithTheTimeoutsAndTheJvmsDefaultTls() throws Exception {
        HttpURLConnection https = Bridge.openConnection(URI.create("https://s3.eu-west-1.amazonaws.com/bucket/key"));

        assertThat(https).isInstanceOf(HttpsURLConnection.class);
        assertThat(((HttpsURLConnection) https).getSSLSocketFactory()).isSameAs(HttpsURLConnection.getDefaultSSLSocketFactory());
        assertThat(https.getConnectTimeout()).isEqualTo(10_000);
        assertThat(https.getReadTimeout()).isEqualTo(60_000);
        assertThat(Bridge.openConnection(URI.create("http://127.0.0.1:9/x")).getReadTimeout()).isEqualTo(60_000);
    }
}
