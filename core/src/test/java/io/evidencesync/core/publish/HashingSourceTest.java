package io.evidencesync.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.evidencesync.core.evidence.InputSource;

class HashingSourceTest {
    @TempDir
    Path dir;

    @Test
    void shouldTakeTheHashFromAReaderThatReadTheWholeFile() throws IOException {
        Path file = Files.writeString(dir.resolve("a.json"), "{\"class_uid\": 6007}".repeat(1000));
        HashingSource source = new HashingSource(file, Files.size(file));

        try (InputStream in = source.open()) {
            in.readAllBytes();
        }
        Files.writeString(file, "changed after the read");

        assertThat(Digests.hex(source.sha256())).isNotEqualTo(Digests.hex(Digests.sha256(InputSource.of(file))))
                .as("the hash of the bytes validated, not of a later read").hasSize(64);
    }

    @Test
    void shouldHashTheFileItselfWhenNoReaderReadItWhole() throws IOException {
        Path file = Files.writeString(dir.resolve("b.txt"), "not json at all, read only in part");
        HashingSource source = new HashingSource(file, Files.size(file));

        try (InputStream in = source.open()) {
            in.read(new byte[4]);
        }

        assertThat(source.sha256()).isEqualTo(Digests.sha256(InputSource.of(file)));
    }
}
