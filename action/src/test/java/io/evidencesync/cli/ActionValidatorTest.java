package io.evidencesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** action.yml and the workflows pass @action-validator/cli (via action/validate-action.sh) when npx is there. */
class ActionValidatorTest {
    private static final Path ROOT = Path.of(System.getProperty("evidence.repository.root", "..")).toAbsolutePath().normalize();

    @Test
    void shouldPassTheActionValidator() throws Exception {
        Assumptions.assumeTrue(onPath("npx"), "npx is not on PATH: skipping action/validate-action.sh"
                + " (install Node.js to validate action.yml and the workflows against GitHub's schemas)");
        Path log = Files.createTempFile("action-validator", ".log");
        Process process = new ProcessBuilder("bash", ROOT.resolve("action/validate-action.sh").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = process.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("validator finished").isTrue();
        Assumptions.assumeFalse(output.contains("ENOTFOUND") || output.contains("EAI_AGAIN"),
                "npm registry unreachable: " + output);
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
