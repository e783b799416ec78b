package io.evidencesync.core.hyperproof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartBodyTest {
    @TempDir
    Path temp;

    static byte[] drain(BodyPublisher publisher) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(10, TimeUnit.SECONDS);
        return out.toByteArray();
    }

    @Test
    void shouldWriteTheFieldsThenTheFilePartWithItsNameAndTypeAndAKnownLength() throws Exception {
        Path file = temp.resolve("f.gz");
        Files.write(file, new byte[] {0x1f, (byte) 0x8b, 1, 2});
        MultipartBody body = new MultipartBody().field("hp-proof-source-id", "s3://b/k").field("empty", " ");
        ProofUpload upload = new ProofUpload(file, "run-1__my \"file\".json.gz", "application/gzip", null, null, null, null);

        BodyPublisher publisher = body.publisher("proof", upload);
        byte[] bytes = drain(publisher);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String boundary = body.contentType().substring("multipart/form-data; boundary=".length());

        assertThat(publisher.contentLength()).isEqualTo(bytes.length);
        assertThat(text).startsWith("--" + boundary + "\r\nContent-Disposition: form-data; name=\"hp-proof-source-id\"")
                .contains("\r\n\r\ns3://b/k\r\n")
                .doesNotContain("name=\"empty\"")
                .contains("Content-Disposition: form-data; name=\"proof\"; filename=\"run-1__my %22file%22.json.gz\"\r\n"
                        + "Content-Type: application/gzip\r\n\r\n\u001f\u008b\u0001\u0002\r\n--" + boundary + "--\r\n");
    }

    @Test
    void shouldStreamALargeFileWithoutLoadingItFirst() throws IOException {
        Path file = temp.resolve("big.bin");
        Files.write(file, new byte[4 * 1024 * 1024]);

        BodyPublisher publisher = new MultipartBody().publisher("proof",
                new ProofUpload(file, "big.bin", "application/octet-stream", null, null, null, null));

        assertThat(publisher.contentLength()).isGreaterThan(4L * 1024 * 1024);
    }
}
