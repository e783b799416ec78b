package io.evidencesync.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest(name = "on a second thread: {0}")
    @ValueSource(booleans = {true, false})
    void shouldHashALargeFileToTheDigestOfTheBytesReadOnEitherThread(boolean background) throws IOException {
        Path file = writeLargeFile("big.json");
        byte[] expected = Digests.sha256(InputSource.of(file));
        HashingSource source = new HashingSource(file, Files.size(file), background);

        readInOddChunks(source);
        Files.writeString(file, "changed after the read");

        assertThat(source.sha256()).as("the digest of the bytes read, not of a later read").isEqualTo(expected);
    }

    @Test
    void shouldUseASecondThreadOnlyForLargeFilesHashedByTheJdksJavaSha256() {
        long large = HashingSource.BACKGROUND_THRESHOLD;

        assertThat(HashingSource.hashesInBackground(large, "SUN")).isTrue();
        assertThat(HashingSource.hashesInBackground(large - 1, "SUN")).as("below the threshold").isFalse();
        assertThat(HashingSource.hashesInBackground(large, "AmazonCorrettoCryptoProvider")).as("native SHA-256").isFalse();
    }

    @Test
    void shouldDecideFromTheSha256ProviderInUse() throws IOException {
        Path file = writeLargeFile("big-default.json");
        boolean jdk = "SUN".equals(Digests.sha256().getProvider().getName());
        HashingSource source = new HashingSource(file, Files.size(file));

        long before = hashingThreads();
        try (InputStream in = source.open()) {
            in.read(new byte[1]);
            assertThat(hashingThreads() - before).as("a hashing thread of its own exactly when the JDK's SHA-256 is in use")
                    .isEqualTo(jdk ? 1 : 0);
        }
    }

    private static long hashingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("evidence-sha256") && thread.isAlive()).count();
    }

    @Test
    void shouldStopTheHashingThreadWhenALargeFileIsReadOnlyInPart() throws IOException {
        Path file = dir.resolve("big.bin");
        Files.write(file, new byte[(int) HashingSource.BACKGROUND_THRESHOLD + 1]);
        HashingSource source = new HashingSource(file, Files.size(file), true);

        try (InputStream in = source.open()) {
            in.read(new byte[1024]);
        }

        assertThat(source.sha256()).isEqualTo(Digests.sha256(InputSource.of(file)));
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .as("no hashing thread is left behind").doesNotContain("evidence-sha256");
    }

    private Path writeLargeFile(String name) throws IOException {
        Path file = dir.resolve(name);
        byte[] block = "{\"class_uid\": 6007, \"message\": \"0123456789abcdef\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < HashingSource.BACKGROUND_THRESHOLD + 12345; written += block.length) {
                out.write(block);
            }
        }
        return file;
    }

    private static void readInOddChunks(HashingSource source) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(source.open(), 8000)) {
            byte[] odd = new byte[7777];
            while (in.read(odd) != -1) {
                // read in chunks that never line up with the hashing buffers
            }
        }
    }
}
