package io.evidencesync.core.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.evidencesync.core.publish.Digests;
import io.evidencesync.sandbox.s3.S3SandboxExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The port over the SDK's client (what the Jenkins plugin publishes through) against S3Proxy. */
class SdkS3ObjectsTest {
    private static final String BUCKET = "sdk-port-bucket";

    @RegisterExtension
    static final S3SandboxExtension S3 = new S3SandboxExtension(BUCKET);

    static S3Client client;
    static S3Objects port;

    /** HTTP attempts the SDK made, retries included. */
    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @BeforeAll
    static void clients() {
        client = S3.s3().client(UrlConnectionHttpClient.create(), new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                ATTEMPTS.incrementAndGet();
            }
        });
        port = new SdkS3Objects(client);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void shouldReadBackWhatItWroteWithItsMetadataAndRefuseASecondCreate() throws IOException {
        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        ObjectWrite write = new ObjectWrite("application/json", Map.of("evidence-format", "ocsf-json"), null, null);
        String sha256 = java.util.Base64.getEncoder().encodeToString(sha256(body));

        ATTEMPTS.set(0);
        S3Objects.Stored stored;
        try {
            stored = port.putBytes(BUCKET, "a/b.json", body, sha256, write, S3Objects.Precondition.ifNoneMatch());
        } catch (S3Objects.PreconditionFailedException e) {
            // S3 writes are at least once: when the SDK retried an attempt that S3 had already stored (seen once in a
            // loaded full build), the retry meets its own object; a 412 after a single attempt would be a bug
            assertThat(ATTEMPTS.get()).as("attempts before the 412 on a first create").isGreaterThan(1);
            ObjectInfo head = port.headObject(BUCKET, "a/b.json", null);
            stored = new S3Objects.Stored(head.versionId(), head.etag());
        }
        assertThat(ATTEMPTS.get()).as("the counter sees the SDK's attempts").isPositive();

        assertThat(stored.etag()).startsWith("\"");
        assertThat(port.headObject(BUCKET, "a/b.json", null).metadata()).containsEntry("evidence-format", "ocsf-json");
        assertThat(port.getObjectAsBytes(BUCKET, "a/b.json").orElseThrow().body()).isEqualTo(body);
        try (OpenedObject opened = port.getObject(BUCKET, "a/b.json", stored.versionId()); InputStream in = opened.body()) {
            assertThat(in.readAllBytes()).isEqualTo(body);
            assertThat(opened.info().contentLength()).isEqualTo(body.length);
        }
        assertThatThrownBy(() -> port.putBytes(BUCKET, "a/b.json", body, sha256, write, S3Objects.Precondition.ifNoneMatch()))
                .isInstanceOf(S3Objects.PreconditionFailedException.class).hasMessageContaining("If-None-Match");
    }

    @Test
    void shouldAssembleAMultipartUploadFromPartsInBuffersWithoutMovingThem() {
        byte[] first = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(first, (byte) 'a');
        byte[] second = "the last part, shorter than the rest".getBytes(StandardCharsets.UTF_8);
        ByteBuffer firstPart = ByteBuffer.allocateDirect(first.length).put(first).flip();
        ByteBuffer secondPart = ByteBuffer.wrap(("..." + new String(second, StandardCharsets.UTF_8) + "...")
                .getBytes(StandardCharsets.UTF_8), 3, second.length);
        String key = "multi/part.json";

        String uploadId = port.startMultipartUpload(BUCKET, key, new ObjectWrite("application/json", Map.of(), null, null));
        String firstCrc = Digests.crc32cBase64(firstPart);
        String secondCrc = Digests.crc32cBase64(secondPart);
        List<S3Objects.Part> parts = List.of(
                new S3Objects.Part(1, port.uploadPart(BUCKET, key, uploadId, 1, firstPart, firstCrc), firstCrc),
                new S3Objects.Part(2, port.uploadPart(BUCKET, key, uploadId, 2, secondPart, secondCrc), secondCrc));
        port.completeMultipartUpload(BUCKET, key, uploadId, parts, S3Objects.Precondition.ifNoneMatch());

        byte[] read = port.getObjectAsBytes(BUCKET, key).orElseThrow().body();
        assertThat(read).hasSize(first.length + second.length);
        assertThat(java.util.Arrays.copyOfRange(read, first.length, read.length)).isEqualTo(second);
        assertThat(firstPart.position()).isZero();
        assertThat(secondPart.position()).isEqualTo(3);
    }

    @Test
    void shouldFindNothingForAMissingKeyButNameTheCallAndHintWhenTheBucketIsMissing() {
        assertThat(port.getObjectAsBytes(BUCKET, "missing.json")).isEmpty();

        assertThatThrownBy(() -> port.headObject("no-such-bucket-here", "k.json", null))
                .isInstanceOfSatisfying(S3Objects.RequestFailedException.class, e -> {
                    assertThat(e.operation()).isEqualTo("HeadObject");
                    assertThat(e.status()).isEqualTo(404);
                })
                .hasMessageStartingWith("S3 HeadObject of s3://no-such-bucket-here/k.json failed: HTTP 404");
        assertThatThrownBy(() -> port.startMultipartUpload("no-such-bucket-here", "k.json",
                new ObjectWrite("application/json", Map.of(), null, null)))
                .isInstanceOf(S3Objects.RequestFailedException.class)
                .hasMessageContaining("CreateMultipartUpload of s3://no-such-bucket-here/k.json failed: HTTP 404 NoSuchBucket:"
                        + " the bucket 'no-such-bucket-here' does not exist");
    }

    private static byte[] sha256(byte[] body) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
