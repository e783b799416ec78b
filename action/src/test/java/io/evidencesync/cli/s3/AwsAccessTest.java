package io.evidencesync.cli.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.evidencesync.cli.CliContext;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

class AwsAccessTest {
    private static final CliContext CONTEXT = new CliContext(
            Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "example-secret"),
            System.out, System.err, Path.of("."));

    @Test
    void shouldSetUpNoTlsAndSendNothingOverHttpsWhenOnlyAPlainHttpEndpointIsTalkedTo() throws IOException {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0)) {
            closedPort = unused.getLocalPort();
        }
        try (AwsAccess aws = AwsAccess.open(CONTEXT, null, URI.create("http://127.0.0.1:9000"), true, 2).endpointOnly()) {

            assertThatThrownBy(() -> get(aws, "https://127.0.0.1:" + closedPort + "/bucket"))
                    .isInstanceOf(SSLException.class)
                    .hasMessage("no TLS in this run: the S3 endpoint (--endpoint-url) is plain HTTP, so HTTPS was not"
                            + " set up");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accessesThatNeedTls")
    void shouldSpeakTlsWhereTheClientMayTalkToHttps(String what, Function<AwsAccess, AwsAccess> how, String endpoint)
            throws Exception {
        int[] firstByte = {-1};
        try (ServerSocket listening = new ServerSocket(0);
             AwsAccess aws = how.apply(AwsAccess.open(CONTEXT, null, URI.create(endpoint), true, 2))) {
            listening.setSoTimeout(20_000);
            Thread peer = new Thread(() -> { // reads the first byte the client sends, then hangs up
                try (Socket connection = listening.accept()) {
                    firstByte[0] = connection.getInputStream().read();
                } catch (IOException e) {
                    // nothing arrived: the assertion below says so
                }
            });
            peer.start();

            assertThatThrownBy(() -> get(aws, "https://127.0.0.1:" + listening.getLocalPort() + "/bucket"))
                    .isInstanceOf(IOException.class).hasMessageNotContaining("plain HTTP");
            peer.join(20_000);
        }
        assertThat(firstByte[0]).as("a TLS handshake record").isEqualTo(0x16);
    }

    static Stream<Arguments> accessesThatNeedTls() {
        Function<AwsAccess, AwsAccess> endpointOnly = AwsAccess::endpointOnly;
        Function<AwsAccess, AwsAccess> shared = aws -> aws;
        return Stream.of(
                Arguments.of("an https endpoint", endpointOnly, "https://127.0.0.1:9000"),
                // tracing reads SSM over HTTPS through the same client, whatever the S3 endpoint
                Arguments.of("a plain http endpoint, the client shared with other AWS services", shared,
                        "http://127.0.0.1:9000"));
    }

    private static void get(AwsAccess aws, String url) throws IOException {
        aws.httpClient().prepareRequest(HttpExecuteRequest.builder().request(SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.GET).uri(URI.create(url)).build()).build()).call();
    }
}
