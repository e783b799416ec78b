package io.evidencesync.core.hyperproof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.sun.net.httpserver.HttpExchange;

import io.evidencesync.sandbox.http.HttpExchanges;
import io.evidencesync.sandbox.http.LoopbackHttpServer;
import io.evidencesync.sandbox.hyperproof.Fault;
import io.evidencesync.sandbox.hyperproof.HyperproofEmulatorExtension;

/**
 * The production transport against real local servers: the Hyperproof emulator (timeouts, dropped connections, error
 * bodies) and a scripted server for what the emulator never does (redirects, repeated headers, connection reuse).
 */
class UrlConnectionTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    static final HyperproofEmulatorExtension HYPERPROOF = new HyperproofEmulatorExtension();

    /** What the scripted server saw: path, client port, Content-Length, Transfer-Encoding, body bytes read. */
    record Seen(String path, int clientPort, String contentLength, String transferEncoding, long bodyBytes) {
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    static LoopbackHttpServer scripted;

    private final UrlConnectionTransport transport = new UrlConnectionTransport();

    @BeforeAll
    static void startScriptedServer() throws IOException {
        scripted = LoopbackHttpServer.start("transport-test", 0, UrlConnectionTransportTest::answer);
    }

    @AfterAll
    static void stopScriptedServer() {
        scripted.close();
    }

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        long bodyBytes;
        try (var in = exchange.getRequestBody()) {
            bodyBytes = in.transferTo(OutputStream.nullOutputStream());
        }
        var headers = exchange.getRequestHeaders();
        String path = exchange.getRequestURI().getPath();
        SEEN.add(new Seen(path, exchange.getRemoteAddress().getPort(), headers.getFirst("Content-Length"),
                headers.getFirst("Transfer-Encoding"), bodyBytes));
        switch (path) {
            case "/redirect" -> HttpExchanges.send(exchange, 302, "text/plain", "moved".getBytes(StandardCharsets.UTF_8),
                    Map.of("Location", "/target"));
            case "/missing" -> HttpExchanges.send(exchange, 404, "application/json",
                    "{\"message\":\"no such thing\"}".getBytes(StandardCharsets.UTF_8), Map.of());
            case "/unauthorized" -> HttpExchanges.send(exchange, 401, "application/json",
                    "{\"message\":\"token expired\"}".getBytes(StandardCharsets.UTF_8), Map.of("WWW-Authenticate", "Bearer"));
            case "/repeated" -> {
                exchange.getResponseHeaders().add("Retry-After", "3");
                exchange.getResponseHeaders().add("Retry-After", "7");
                HttpExchanges.send(exchange, 429, "text/plain", "slow down".getBytes(StandardCharsets.UTF_8), Map.of());
            }
            default -> HttpExchanges.send(exchange, 200, "text/plain",
                    ("fine " + bodyBytes).getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    private static URI scripted(String path) {
        return URI.create(scripted.baseUri() + path);
    }

    private static URI emulator(String path) {
        return URI.create(HYPERPROOF.emulator().baseUri() + path);
    }

    /** A body of {@code size} zero bytes written in 8 KiB pieces, as a file part is. */
    private static HttpTransport.Body streamed(long size) {
        return new HttpTransport.Body() {
            @Override
            public long length() {
                return size;
            }

            @Override
            public boolean inMemory() {
                return false;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                byte[] piece = new byte[8192];
                for (long left = size; left > 0; left -= piece.length) {
                    out.write(piece, 0, (int) Math.min(piece.length, left));
                }
            }
        };
    }

    @Test
    void shouldAnswerARedirectWithoutFollowingIt() throws IOException {
        HttpTransport.Response response = transport.send(HttpTransport.Request.get(scripted("/redirect"), TIMEOUT));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("location")).hasValue("/target");
        assertThat(response.body()).isEqualTo("moved");
        assertThat(SEEN).extracting(Seen::path).containsExactly("/redirect");
    }

    @Test
    void shouldReadAnErrorAnswersBodyFromTheErrorStream() throws IOException {
        HYPERPROOF.emulator().faults().enqueue("GET", "/v1/controls", Fault.status(409, "{\"message\":\"busy elsewhere\"}"));

        HttpTransport.Response response = transport.send(HttpTransport.Request.get(emulator("/v1/controls"), TIMEOUT));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body()).isEqualTo("{\"message\":\"busy elsewhere\"}");
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void shouldTimeOutWhenNoAnswerComesWithinTheRequestTimeout() {
        HYPERPROOF.emulator().faults().enqueue("GET", "/v1/controls", Fault.delay(Duration.ofSeconds(3)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> transport.send(HttpTransport.Request.get(emulator("/v1/controls"), Duration.ofMillis(300))))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void shouldTimeOutWhenTheServerStopsReadingTheBody() throws IOException {
        try (java.net.ServerSocket deaf = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (java.net.Socket ignored = deaf.accept()) {
                    Thread.sleep(10_000); // accepts the connection, never reads a byte
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI uri = URI.create("http://127.0.0.1:" + deaf.getLocalPort() + "/v1/proof");
            long start = System.nanoTime();

            assertThatThrownBy(() -> transport.send(HttpTransport.Request.post(uri, Duration.ofMillis(400),
                    streamed(64L * 1024 * 1024))))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("still being sent when the timeout of 400 ms passed");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            acceptor.interrupt();
        }
    }

    @Test
    void shouldFailWithAnIoExceptionThatIsNoTimeoutWhenTheServerDropsTheConnection() {
        HYPERPROOF.emulator().faults().enqueue("POST", "/v1/proof", Fault.dropConnection());

        assertThatThrownBy(() -> transport.send(HttpTransport.Request.post(emulator("/v1/proof"), TIMEOUT, streamed(1000))))
                .isInstanceOf(IOException.class).isNotInstanceOf(SocketTimeoutException.class);
        assertThat(HYPERPROOF.emulator().requests()).as("sent once, not resent by the JDK").hasSize(1);
    }

    @Test
    void shouldStreamABodyWithItsFixedContentLength() throws IOException {
        long size = 3L * 1024 * 1024 + 17;

        HttpTransport.Response response = transport.send(HttpTransport.Request.post(scripted("/upload"), TIMEOUT, streamed(size)));

        assertThat(response.body()).isEqualTo("fine " + size);
        assertThat(SEEN).singleElement().satisfies(seen -> {
            assertThat(seen.contentLength()).isEqualTo(Long.toString(size));
            assertThat(seen.transferEncoding()).isNull();
            assertThat(seen.bodyBytes()).isEqualTo(size);
        });
    }

    @Test
    void shouldKeepTheConnectionAliveAcrossSuccessAndErrorAnswers() throws IOException {
        transport.send(HttpTransport.Request.get(scripted("/first"), TIMEOUT));
        transport.send(HttpTransport.Request.get(scripted("/missing"), TIMEOUT));
        transport.send(HttpTransport.Request.post(scripted("/upload"), TIMEOUT, streamed(100_000)));
        transport.send(HttpTransport.Request.get(scripted("/last"), TIMEOUT));

        assertThat(SEEN).extracting(Seen::clientPort).as("client ports").containsOnly(SEEN.get(0).clientPort());
    }

    @Test
    void shouldGiveTheFirstOfRepeatedHeadersWhateverTheCaseOfItsName() throws IOException {
        HttpTransport.Response response = transport.send(HttpTransport.Request.get(scripted("/repeated"), TIMEOUT));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("retry-after")).hasValue("3");
        assertThat(response.header("X-Absent")).isEmpty();
    }

    @Test
    void shouldKeepTheBodyOf401ForAnInMemoryBodyButNotForAStreamedOne() throws IOException {
        HttpTransport.Response small = transport.send(HttpTransport.Request.post(scripted("/unauthorized"), TIMEOUT,
                HttpTransport.Body.of("grant_type=client_credentials".getBytes(StandardCharsets.UTF_8))));
        HttpTransport.Response streamed = transport.send(HttpTransport.Request.post(scripted("/unauthorized"), TIMEOUT,
                streamed(1000)));

        assertThat(small.status()).isEqualTo(401);
        assertThat(small.body()).contains("token expired");
        assertThat(streamed.status()).isEqualTo(401);
        assertThat(streamed.body()).as("the JDK drops a 401 body in streaming mode").isEmpty();
        assertThat(SEEN).extracting(Seen::path).containsExactly("/unauthorized", "/unauthorized");
    }

    @Test
    void shouldHashASuccessfulDownloadAndKeepAnErrorBodyAsText() throws IOException {
        HttpTransport.Request download = HttpTransport.Request.get(scripted("/file"), TIMEOUT)
                .reading(HyperproofClient.SHA256_OF_SUCCESS);

        String hash = transport.send(download).body();
        String missing = transport.send(HttpTransport.Request.get(scripted("/missing"), TIMEOUT)
                .reading(HyperproofClient.SHA256_OF_SUCCESS)).body();

        assertThat(hash).isEqualTo(sha256Hex("fine 0"));
        assertThat(missing).isEqualTo("{\"message\":\"no such thing\"}");
    }

    @Test
    void shouldNeverShowHeadersOrBodyWhenARequestIsPrinted() {
        HttpTransport.Request request = HttpTransport.Request.post(scripted("/oauth/token"), TIMEOUT,
                        HttpTransport.Body.of("client_secret=s3cr3t".getBytes(StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer tok3n");

        assertThat(request.toString()).isEqualTo("POST " + scripted("/oauth/token"))
                .doesNotContain("s3cr3t").doesNotContain("tok3n");
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
