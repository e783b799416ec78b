package io.evidencesync.sandbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RicProcessTest {
    @TempDir
    Path temp;

    @Test
    void shouldRunAFunctionUnderTheRuntimeInterfaceClient() throws Exception {
        Path log = temp.resolve("function.log");
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start();
             RicProcess function = RicProcess.start(classpath(), EchoHandler.class.getName() + "::handleRequest",
                     Map.of("AWS_REGION", "us-east-1"), api, log, List.of("-XX:TieredStopAtLevel=1"))) {
            api.awaitFirstPoll(Duration.ofSeconds(30));

            LambdaRuntimeApi.Invocation ok;
            try {
                ok = api.invoke("{\"hello\":\"world\"}", Duration.ofSeconds(30));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("no answer; function log:\n" + Files.readString(log), e);
            }
            LambdaRuntimeApi.Invocation failed;
            try {
                failed = api.invoke("{\"action\":\"fail\"}", Duration.ofSeconds(30));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("no answer; function log:\n" + Files.readString(log), e);
            }

            assertThat(ok.success()).isTrue();
            assertThat(ok.body()).contains("\"requestId\":\"" + ok.requestId() + "\"", "\"remainingPositive\":true",
                    "\"event\":{\"hello\":\"world\"}");
            assertThat(failed.success()).isFalse();
            assertThat(failed.body()).contains("asked to fail");
            assertThat(function.isAlive()).as(Files.readString(log)).isTrue();
        }
    }

    private static List<Path> classpath() throws URISyntaxException {
        List<Path> classpath = new java.util.ArrayList<>(List.of(location(EchoHandler.class)));
        classpath.addAll(RicProcess.ricJars(System.getProperty("java.class.path")));
        assertThat(classpath).hasSizeGreaterThanOrEqualTo(5);
        return classpath;
    }

    static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
