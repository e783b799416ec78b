package io.evidencesync.core.hyperproof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.evidencesync.sandbox.hyperproof.Fault;
import io.evidencesync.sandbox.hyperproof.HyperproofEmulatorExtension;
import io.evidencesync.sandbox.hyperproof.HyperproofEmulatorSettings;
import io.evidencesync.sandbox.time.MutableClock;

class TokenProviderTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private static final String SECRET = "s3cr3t+&=/value";

    @RegisterExtension
    static final HyperproofEmulatorExtension HYPERPROOF = new HyperproofEmulatorExtension(
            HyperproofEmulatorSettings.defaults().withClock(CLOCK).withTokenLifetime(Duration.ofMinutes(10)));

    @BeforeAll
    static void seed() {
        HYPERPROOF.emulator().addServiceAccount("id", "secret");
    }

    @Test
    void shouldCacheTheTokenUntilThirtySecondsBeforeItExpires() {
        AtomicInteger fetched = new AtomicInteger();
        TokenProvider tokens = new TokenProvider(new UrlConnectionTransport(), HYPERPROOF.emulator().tokenUri(),
                () -> {
                    fetched.incrementAndGet();
                    return new ClientCredentials("id", "secret");
                }, CLOCK);

        String first = tokens.token(Duration.ofSeconds(5));
        CLOCK.advance(Duration.ofSeconds(569));
        String cached = tokens.token(Duration.ofSeconds(5));
        CLOCK.advance(Duration.ofSeconds(2));
        String renewed = tokens.token(Duration.ofSeconds(5));

        assertThat(cached).isEqualTo(first);
        assertThat(renewed).isNotEqualTo(first);
        assertThat(fetched).hasValue(2);
        assertThat(tokens.toString()).doesNotContain(first).doesNotContain("secret");
    }

    @Test
    void shouldDropOnlyTheTokenThatWasRefused() {
        TokenProvider tokens = new TokenProvider(new UrlConnectionTransport(), HYPERPROOF.emulator().tokenUri(),
                () -> new ClientCredentials("id", "secret"), CLOCK);
        String first = tokens.token(Duration.ofSeconds(5));

        tokens.invalidate("some-older-token");
        assertThat(tokens.token(Duration.ofSeconds(5))).isEqualTo(first);
        tokens.invalidate(first);
        assertThat(tokens.token(Duration.ofSeconds(5))).isNotEqualTo(first);
    }

    @Test
    void shouldGiveTheTokenEndpointsReasonButNeverTheClientIdOrSecret() {
        HYPERPROOF.emulator().faults().enqueue("POST", "/oauth/token", Fault.status(401, "{\"error\":\"invalid_client\"}"));
        String clientId = "client-7f3e9a2b41";
        TokenProvider tokens = new TokenProvider(new UrlConnectionTransport(), HYPERPROOF.emulator().tokenUri(),
                () -> new ClientCredentials(clientId, SECRET), CLOCK);

        HyperproofException rejected = catchThrowableOfType(HyperproofException.class, () -> tokens.token(Duration.ofSeconds(5)));

        assertThat(rejected.retryable()).isFalse();
        assertThat(rejected).hasMessageContaining("rejected the client credentials (401 (invalid_client))")
                .hasMessageContaining("check the client id and secret in SSM");
        assertThat(everything(rejected)).doesNotContain(SECRET).doesNotContain(clientId);
    }

    @Test
    void shouldMaskTheCredentialsWhenTheTokenEndpointsErrorRepeatsTheRequest() {
        String clientId = "client-7f3e9a2b41";
        String form = "grant_type=client_credentials&client_id=" + Urls.query(clientId) + "&client_secret="
                + Urls.query(SECRET);
        // a proxy's or firewall's error pages, and an OAuth server that quotes what it could not accept
        HYPERPROOF.emulator().faults().enqueue("POST", "/oauth/token",
                Fault.status(400, "{\"error\":\"invalid_request\",\"error_description\":\"cannot parse " + form + "\"}"));
        HYPERPROOF.emulator().faults().enqueue("POST", "/oauth/token",
                Fault.status(401, "unauthorized client " + clientId + " with secret " + SECRET));
        HYPERPROOF.emulator().faults().enqueue("POST", "/oauth/token",
                Fault.status(502, "<html>bad gateway for POST /oauth/token " + form.replace("%2F", "%2f") + "</html>"));
        TokenProvider tokens = new TokenProvider(new UrlConnectionTransport(), HYPERPROOF.emulator().tokenUri(),
                () -> new ClientCredentials(clientId, SECRET), CLOCK);

        List<HyperproofException> failures = List.of(
                catchThrowableOfType(HyperproofException.class, () -> tokens.token(Duration.ofSeconds(5))),
                catchThrowableOfType(HyperproofException.class, () -> tokens.token(Duration.ofSeconds(5))),
                catchThrowableOfType(HyperproofException.class, () -> tokens.token(Duration.ofSeconds(5))));

        assertThat(failures).extracting(HyperproofException::status).containsExactly(400, 401, 502);
        assertThat(failures.get(0)).hasMessageContaining("cannot parse grant_type=client_credentials&client_id=***");
        assertThat(failures).allSatisfy(e -> assertThat(everything(e)).doesNotContain(SECRET)
                .doesNotContain(Urls.query(SECRET)).doesNotContainIgnoringCase(Urls.query(SECRET)
                        .replace("+", "%20")).doesNotContain(clientId).doesNotContain("s3cr3t"));
    }

    @Test
    void shouldKeepTheSecretOutOfTimeoutsAndDroppedConnectionsAtTheTokenEndpoint() {
        HYPERPROOF.emulator().faults().enqueue("POST", "/oauth/token", Fault.delay(Duration.ofSeconds(2)));
        HyperproofException timedOut = catchThrowableOfType(HyperproofException.class, () -> tokens(SECRET).token(Duration.ofMillis(300)));
        // the form is a small in-memory body: the JDK sends it once more by itself when the connection drops
        HYPERPROOF.emulator().faults().enqueue("POST", "/oauth/token", Fault.dropConnection(), Fault.dropConnection());
        HyperproofException dropped = catchThrowableOfType(HyperproofException.class, () -> tokens(SECRET).token(Duration.ofSeconds(5)));

        assertThat(timedOut).hasMessageContaining("timed out");
        assertThat(dropped).hasMessageContaining("connection failed");
        assertThat(List.of(timedOut, dropped)).allSatisfy(e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(everything(e)).doesNotContain(SECRET);
        });
    }

    private static TokenProvider tokens(String secret) {
        return new TokenProvider(new UrlConnectionTransport(), HYPERPROOF.emulator().tokenUri(),
                () -> new ClientCredentials("id", secret), CLOCK);
    }

    /** The message, stack trace and causes, as a log would show them. */
    private static String everything(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
