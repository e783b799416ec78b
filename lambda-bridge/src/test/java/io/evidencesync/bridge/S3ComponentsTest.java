package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.evidencesync.core.s3.S3Objects;
import io.evidencesync.core.s3.SignedS3;
import io.evidencesync.core.s3.S3Addressing;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.publish.Digests;
import io.evidencesync.core.receipt.Receipt;
import io.evidencesync.core.receipt.ReceiptStatus;
import io.evidencesync.sandbox.s3.S3SandboxExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** The bridge's two S3 adapters against S3Proxy (one server for both). */
class S3ComponentsTest {
    private static final String BUCKET = "components-bucket";

    @RegisterExtension
    static final S3SandboxExtension S3 = new S3SandboxExtension(BUCKET);

    static S3Client s3;
    static SdkHttpClient http;
    static S3Objects signed;

    @BeforeAll
    static void client() {
        s3 = S3Client.builder().endpointOverride(S3.s3().endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3.s3().accessKey(),
                        S3.s3().secretKey())))
                .httpClient(ApacheHttpClient.create()).build();
        http = ApacheHttpClient.create();
        signed = SignedS3.create(http, StaticCredentialsProvider.create(AwsBasicCredentials.create(S3.s3().accessKey(),
                S3.s3().secretKey())), new S3Addressing(S3.s3().region(), S3.s3().endpoint(), true));
    }

    @AfterAll
    static void close() {
        s3.close();
        http.close();
    }

    @Nested
    class ReceiptStoreTest {
        private final ReceiptStore store = new ReceiptStore(signed);

        private Receipt claim(String token) {
            return Receipt.claim(BUCKET, "evidence/a.json", "v1", "ab".repeat(32), 1, null, null, token, "req", Instant.now(), null);
        }

        @Test
        void shouldCreateOnlyOnceAndReplaceOnlyTheVersionRead() {
            String key = "evidence-sync-receipts/evidence/a.json/v1.json";
            String etag = store.create(BUCKET, key, claim("first"));

            assertThatThrownBy(() -> store.create(BUCKET, key, claim("second"))).isInstanceOf(ReceiptStore.ConflictException.class);
            String replaced = store.replace(BUCKET, key, claim("first").synced(List.of(), null, Instant.now()), etag);
            assertThatThrownBy(() -> store.replace(BUCKET, key, claim("third"), etag))
                    .isInstanceOf(ReceiptStore.ConflictException.class);

            ReceiptStore.Stored stored = store.read(BUCKET, key).orElseThrow();
            assertThat(stored.etag()).isEqualTo(replaced);
            assertThat(stored.receipt().status()).isEqualTo(ReceiptStatus.SYNCED);
            assertThat(stored.receipt().claimToken()).isEqualTo("first");
        }

        @Test
        void shouldReadNothingForAMissingReceiptAndRefuseAForeignObject() {
            assertThat(store.read(BUCKET, "evidence-sync-receipts/none.json")).isEmpty();
            s3.putObject(b -> b.bucket(BUCKET).key("evidence-sync-receipts/junk.json"), RequestBody.fromString("junk"));

            assertThatThrownBy(() -> store.read(BUCKET, "evidence-sync-receipts/junk.json")).isInstanceOf(EvidenceException.class);
        }
    }

    @Nested
    class ObjectSpoolerTest {
        @TempDir
        Path spool;

        @Test
        void shouldCopyTheVersionToATempFileWithItsDigestAndMetadataAndDeleteItOnClose() throws Exception {
            byte[] first = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
            PutObjectResponse v1 = s3.putObject(b -> b.bucket(BUCKET).key("k.json").metadata(java.util.Map.of("evidence-schema", "1")),
                    RequestBody.fromBytes(first));
            s3.putObject(b -> b.bucket(BUCKET).key("k.json"), RequestBody.fromString("{\"v\":2}"));

            ObjectSpooler spooler = new ObjectSpooler(signed, spool);
            SpooledObject object;
            try (ObjectSpooler.Opened opened = spooler.open(BUCKET, "k.json", v1.versionId())) {
                assertThat(opened.info().versionId()).isEqualTo(v1.versionId());
                assertThat(opened.info().metadata()).containsEntry("evidence-schema", "1");
                object = spooler.spool(opened);
            }
            try (object) {
                assertThat(Files.readAllBytes(object.file())).isEqualTo(first);
                var sha = Digests.sha256();
                sha.update(first);
                assertThat(object.sha256()).isEqualTo(Digests.hex(sha.digest()));
                assertThat(object.size()).isEqualTo(first.length);
                assertThat(object.lastModified()).isNotNull();
            }
            assertThat(object.file()).doesNotExist();
        }

        @Test
        void shouldNameTheObjectWhenItIsMissing() {
            assertThatThrownBy(() -> new ObjectSpooler(signed, spool).spool(BUCKET, "missing.json", null))
                    .isInstanceOf(EvidenceException.class).hasMessageContaining("s3://" + BUCKET + "/missing.json");
            assertThat(spool).isEmptyDirectory();
        }
    }
}
