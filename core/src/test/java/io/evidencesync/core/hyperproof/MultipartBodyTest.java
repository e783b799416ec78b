package io.evidencesync.core.hyperproof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartBodyTest {
    @TempDir
    Path temp;

    /** Counts what is written and remembers the largest single write, keeping none of it. */
    static final class CountingSink extends OutputStream {
        long count;
        int largestWrite;

        @Override
        public void write(int b) {
            count++;
            largestWrite = Math.max(largestWrite, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
            largestWrite = Math.max(largestWrite, length);
        }
    }

    private ProofUpload upload(Path file) {
        return new ProofUpload(file, file.getFileName().toString(), "application/octet-stream", null, null, null, null);
    }

    @Test
    void shouldWriteTheFieldsThenTheFilePartWithItsNameAndTypeAndAKnownLength() throws Exception {
        Path file = temp.resolve("f.gz");
        Files.write(file, new byte[] {0x1f, (byte) 0x8b, 1, 2});
        MultipartBody body = new MultipartBody().field("hp-proof-source-id", "s3://b/k").field("empty", " ");
        ProofUpload upload = new ProofUpload(file, "run-1__my \"file\".json.gz", "application/gzip", null, null, null, null);

        HttpTransport.Body part = body.body("proof", upload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.writeTo(out);
        byte[] bytes = out.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String boundary = body.contentType().substring("multipart/form-data; boundary=".length());

        assertThat(part.length()).isEqualTo(bytes.length);
        assertThat(part.inMemory()).isFalse();
        assertThat(text).startsWith("--" + boundary + "\r\nContent-Disposition: form-data; name=\"hp-proof-source-id\"")
                .contains("\r\n\r\ns3://b/k\r\n")
                .doesNotContain("name=\"empty\"")
                .contains("Content-Disposition: form-data; name=\"proof\"; filename=\"run-1__my %22file%22.json.gz\"\r\n"
                        + "Content-Type: application/gzip\r\n\r\n\u001f\u008b\u0001\u0002\r\n--" + boundary + "--\r\n");
    }

    @Test
    void shouldStreamALargeFileInBoundedChunksWithoutLoadingItFirst() throws IOException {
        Path file = temp.resolve("big.bin");
        Files.write(file, new byte[4 * 1024 * 1024]);
        HttpTransport.Body part = new MultipartBody().body("proof", upload(file));
        CountingSink sink = new CountingSink();

        part.writeTo(sink);

        assertThat(part.length()).isGreaterThan(4L * 1024 * 1024).isEqualTo(sink.count);
        assertThat(sink.largestWrite).as("largest single write").isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void shouldRefuseAMissingFileAsNotFound() {
        assertThatThrownBy(() -> new MultipartBody().body("proof", upload(temp.resolve("gone.json"))))
                .isInstanceOf(FileNotFoundException.class).hasMessageContaining("gone.json");
    }

    @Test
    void shouldFailTheWriteWhenTheFileChangedSizeAfterTheLengthWasTaken() throws IOException {
        Path file = temp.resolve("changing.json");
        Files.write(file, new byte[100]);
        HttpTransport.Body shrunk = new MultipartBody().body("proof", upload(file));
        Files.write(file, new byte[10]);

        assertThatThrownBy(() -> shrunk.writeTo(new CountingSink())).isInstanceOf(IOException.class).hasMessageContaining("shrank");

        HttpTransport.Body grown = new MultipartBody().body("proof", upload(file));
        Files.write(file, new byte[20]);

        assertThatThrownBy(() -> grown.writeTo(new CountingSink())).isInstanceOf(IOException.class).hasMessageContaining("grew");
    }
}
