package io.evidencesync.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.evidencesync.core.EvidenceException;

class EvidenceDiscoveryTest {
    @TempDir
    Path base;

    @Test
    void shouldMatchAntPatternsLikeAnt() {
        assertThat(AntPattern.compile("**/*.json").matches("a.json")).isTrue();
        assertThat(AntPattern.compile("**/*.json").matches("x/y/a.json")).isTrue();
        assertThat(AntPattern.compile("reports/**/scan-?.json").matches("reports/scan-1.json")).isTrue();
        assertThat(AntPattern.compile("reports/**/scan-?.json").matches("reports/a/b/scan-12.json")).isFalse();
        assertThat(AntPattern.compile("*.json").matches("x/a.json")).isFalse();
        assertThat(AntPattern.compile("build/").matches("build/x/y.txt")).isTrue();
        assertThat(AntPattern.compile("a+b(c).json").matches("a+b(c).json")).isTrue();
    }

    @Test
    void shouldFindIncludedFilesMinusExcludedSortedByPath() throws IOException {
        write("b/scan.json");
        write("a/scan.json");
        write("a/ignore.json");
        write("notes.txt");

        List<EvidenceFile> files = new EvidenceDiscovery(base, List.of("**/*.json"), List.of("**/ignore.json")).discover();

        assertThat(files).extracting(EvidenceFile::relativePath).containsExactly("a/scan.json", "b/scan.json");
    }

    @Test
    void shouldAcceptCommaAndNewlineSeparatedPatterns() throws IOException {
        write("a.json");
        write("b.jsonl");
        write("c.txt");

        List<EvidenceFile> files = new EvidenceDiscovery(base, List.of("*.json,\n*.jsonl\n"), List.of()).discover();

        assertThat(files).extracting(EvidenceFile::relativePath).containsExactly("a.json", "b.jsonl");
    }

    @Test
    void shouldRefuseMissingDirectory() {
        Path missing = base.resolve("nope");

        assertThatThrownBy(() -> new EvidenceDiscovery(missing, List.of("**/*"), List.of()).discover())
                .isInstanceOf(EvidenceException.class)
                .hasMessage("evidence directory '" + missing + "' does not exist");
    }

    @Test
    void shouldRefuseSymlinkEscapingTheBaseDirectory(@TempDir Path outside) throws IOException {
        Path secret = Files.writeString(outside.resolve("passwd.json"), "{}");
        Files.createSymbolicLink(base.resolve("evil.json"), secret);

        assertThatThrownBy(() -> new EvidenceDiscovery(base, List.of("*.json"), List.of()).discover())
                .isInstanceOf(EvidenceException.class)
                .hasMessage("evidence file 'evil.json' resolves to '" + secret.toRealPath()
                        + "', outside the base directory '" + base.toRealPath() + "'; refusing to publish it");
    }

    @Test
    void shouldFollowSymlinksThatStayInside() throws IOException {
        Path real = write("real/scan.json");
        Files.createSymbolicLink(base.resolve("link.json"), real);

        assertThat(new EvidenceDiscovery(base, List.of("*.json"), List.of()).discover())
                .extracting(EvidenceFile::relativePath).containsExactly("link.json");
    }

    @Test
    void shouldRequireAnIncludePattern() {
        assertThatThrownBy(() -> new EvidenceDiscovery(base, List.of(" "), List.of()))
                .hasMessageStartingWith("no include pattern given");
    }

    private Path write(String relative) throws IOException {
        Path file = base.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "{}");
    }
}
