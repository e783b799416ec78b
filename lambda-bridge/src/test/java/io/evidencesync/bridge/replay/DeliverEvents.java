package io.evidencesync.bridge.replay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.evidencesync.bridge.S3EventHandler;

/**
 * Test helper run as its own process next to the shaded jar: hands every line of a file (one S3 event each) to the
 * bridge's direct handler, configured from the environment exactly as in Lambda. Plays "S3 delivered the event".
 * Exit status 1 when any event failed.
 */
public final class DeliverEvents {
    private DeliverEvents() {
    }

    public static void main(String[] args) throws Exception {
        S3EventHandler handler = new S3EventHandler();
        int failed = 0;
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                handler.handleRequest(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(), null);
            } catch (RuntimeException e) {
                System.err.println("failed: " + e.getMessage());
                failed++;
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
