package io.evidencesync.cli.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubFilesTest {
    @TempDir
    Path temp;

    @Test
    void shouldAppendMultiLineOutputsWithARandomDelimiter() throws IOException {
        Path output = temp.resolve("output");
        Files.writeString(output, "earlier=1\n");

        GitHubFiles.appendOutput(output, "objects", "[\n  {\"path\": \"EOF\"}\n]");
        GitHubFiles.appendOutput(output, "count", "1");

        List<String> lines = Files.readAllLines(output);
        assertThat(lines.get(0)).isEqualTo("earlier=1");
        assertThat(lines.get(1)).matches("objects<<ghadelimiter_[0-9a-f-]{36}");
        String delimiter = lines.get(1).substring("objects<<".length());
        assertThat(lines.subList(2, 6)).containsExactly("[", "  {\"path\": \"EOF\"}", "]", delimiter);
        assertThat(lines.subList(6, 9)).satisfiesExactly(
                line -> assertThat(line).startsWith("count<<ghadelimiter_").isNotEqualTo("count<<" + delimiter),
                line -> assertThat(line).isEqualTo("1"),
                line -> assertThat(line).isEqualTo(lines.get(6).substring("count<<".length())));
    }
}
