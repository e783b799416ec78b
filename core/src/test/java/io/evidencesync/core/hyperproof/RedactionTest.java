package io.evidencesync.core.hyperproof;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void shouldMaskASecretWholeEvenWhenItContainsAnotherSecret() {
        String clientId = "acme";
        String secret = "acme-s3cr3t/+=";

        String text = Redaction.redact("client " + clientId + " sent " + secret + " encoded as " + Urls.query(secret),
                clientId, secret);

        assertThat(text).isEqualTo("client *** sent *** encoded as ***");
    }

    @Test
    void shouldMaskCredentialFieldsWhateverTheirQuoting() {
        String text = Redaction.redact("{\"password\": \"a b c\", 'client_secret': 'x y', access_token=tok123&scope=all}");

        assertThat(text).doesNotContain("a b c", "x y", "tok123").contains("scope=all");
    }

    @Test
    void shouldMaskBearerTokens() {
        assertThat(Redaction.redact("Authorization: Bearer eyJhbGciOi.J9.abc")).isEqualTo("Authorization: Bearer ***");
    }
}
