package io.evidencesync.core.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The client every producer uses retries throttling and 5xx, path-style, against the configured endpoint. */
class S3ClientFactoryTest {
    private HttpServer server;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            if (failuresLeft.getAndDecrement() > 0) {
                byte[] body = "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(503, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.getResponseHeaders().set("ETag", "\"abc\"");
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldRetryThrottlingUntilItSucceeds() {
        failuresLeft.set(2);

        try (S3Client s3 = client(3)) {
            assertThat(s3.putObject(b -> b.bucket("bucket").key("k.json"), RequestBody.fromString("{}")).eTag())
                    .isEqualTo("\"abc\"");
        }

        assertThat(paths).containsExactly("PUT /bucket/k.json", "PUT /bucket/k.json", "PUT /bucket/k.json");
    }

    @Test
    void shouldGiveUpAfterTheConfiguredAttempts() {
        failuresLeft.set(5);

        try (S3Client s3 = client(2)) {
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("bucket").key("k.json"), RequestBody.fromString("{}")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(503));
        }

        assertThat(paths).hasSize(2);
    }

    private S3Client client(int attempts) {
        S3Settings settings = new S3Settings("eu-west-1", URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                true, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")), attempts);
        return S3ClientFactory.create(settings, ApacheHttpClient.create());
    }
}
