package io.evidencesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Runs {@link SandboxMain} as a real child JVM, as the demo and a developer would. */
class SandboxMainProcessTest {
    private Process process;

    @AfterEach
    void killLeftover() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void shouldPrintOneJsonLineAndStopWhenStdinCloses() throws Exception {
        process = start();
        JsonObject endpoints = firstLine(process);
        List<URI> endpointUris = uris(endpoints);
        assertThat(endpointUris).allSatisfy(uri -> assertThat(accepts(uri)).isTrue());

        process.getOutputStream().close();

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(endpointUris).allSatisfy(uri -> assertThat(accepts(uri)).isFalse());
    }

    @Test
    void shouldStopOnSigterm() throws Exception {
        process = start();
        List<URI> endpointUris = uris(firstLine(process));

        process.destroy();

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(143);
        assertThat(endpointUris).allSatisfy(uri -> assertThat(accepts(uri)).isFalse());
    }

    private static Process start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SandboxMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static JsonObject firstLine(Process process) throws IOException {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = stdout.readLine();
        assertThat(line).as("the sandbox's first stdout line").isNotNull();
        return JsonParser.parseString(line).getAsJsonObject();
    }

    private static List<URI> uris(JsonObject endpoints) {
        return List.of(URI.create(endpoints.getAsJsonObject("s3").get("endpoint").getAsString()),
                URI.create(endpoints.getAsJsonObject("hyperproof").get("apiUrl").getAsString()),
                URI.create(endpoints.getAsJsonObject("ssm").get("endpoint").getAsString()));
    }

    private static boolean accepts(URI uri) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
