package io.evidencesync.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Security;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

import io.evidencesync.core.discovery.EvidenceFile;
import io.evidencesync.core.publish.PublishListener;

class NativeCryptoTest {
    private final List<String> notes = new ArrayList<>();
    private final List<String> forwarded = new ArrayList<>();
    private final PublishListener next = new PublishListener() {
        @Override
        public void discovered(List<EvidenceFile> files) {
            forwarded.add("discovered " + files.size());
        }
    };

    @AfterEach
    void removeProvider() {
        Security.removeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
    }

    @Test
    void shouldLeaveTheJdkProvidersForSmallEvidence() {
        new NativeCrypto(next, notes::add, "Linux", "amd64").discovered(List.of(file(NativeCrypto.FROM_BYTES - 1)));

        assertThat(notes).isEmpty();
        assertThat(Security.getProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME)).isNull();
        assertThat(forwarded).containsExactly("discovered 1");
    }

    @Test
    void shouldSayTheJdkIsUsedWhereNoNativeProviderIsBundled() {
        new NativeCrypto(next, notes::add, "Mac OS X", "aarch64").discovered(List.of(file(NativeCrypto.FROM_BYTES)));

        assertThat(notes).containsExactly("Crypto: the JDK's (the native provider is bundled for Linux x86-64 only)");
        assertThat(Security.getProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME)).isNull();
        assertThat(forwarded).containsExactly("discovered 1");
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
    void shouldPutTheNativeProviderFirstForLargeEvidenceAndHashAsTheJdkDoes() throws Exception {
        byte[] input = "evidence-sync".repeat(1000).getBytes(StandardCharsets.UTF_8);
        String jdk = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256", "SUN").digest(input));

        new NativeCrypto(next, notes::add, "Linux", "amd64").discovered(
                List.of(file(NativeCrypto.FROM_BYTES / 2), file(NativeCrypto.FROM_BYTES / 2)));

        assertThat(notes).singleElement().asString().startsWith("Crypto: Amazon Corretto Crypto Provider 2.");
        assertThat(Security.getProviders()[0].getName()).isEqualTo(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertThat(sha.getProvider().getName()).isEqualTo(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
        assertThat(HexFormat.of().formatHex(sha.digest(input))).isEqualTo(jdk);
        assertThat(javax.crypto.Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName())
                .isEqualTo(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
    }

    private static EvidenceFile file(long size) {
        return new EvidenceFile("e.json", Path.of("/w/e.json"), size);
    }
}
