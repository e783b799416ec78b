package io.evidencesync.cli.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

import io.evidencesync.core.EvidenceException;

/** Appends to the files the runner reads after a step: {@code GITHUB_OUTPUT} and {@code GITHUB_STEP_SUMMARY}. */
final class GitHubFiles {
    private GitHubFiles() {
    }

    /** Appends {@code name<<DELIMITER / value / DELIMITER}, with a random delimiter the value does not contain. */
    static void appendOutput(Path file, String name, String value) {
        String delimiter;
        do {
            delimiter = "ghadelimiter_" + UUID.randomUUID();
        } while (value.contains(delimiter));
        append(file, name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n");
    }

    static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new EvidenceException("cannot write the GitHub Actions file '" + file + "': " + e.getMessage(), e);
        }
    }

    static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
