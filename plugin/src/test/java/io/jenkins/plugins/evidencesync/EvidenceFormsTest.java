package io.jenkins.plugins.evidencesync;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import org.junit.jupiter.api.Test;

/** The form rules, without Jenkins; the descriptors only add permission checks around them. */
class EvidenceFormsTest {
    @Test
    void shouldAcceptAValidBucketAndExplainTheDefault() {
        assertThat(EvidenceForms.checkBucket("acme-evidence", null).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(EvidenceForms.checkBucket("", "acme-default").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(EvidenceForms.checkBucket("", "acme-default").getMessage()).contains("acme-default");
        assertThat(EvidenceForms.checkBucket(" ", null).kind).isEqualTo(FormValidation.Kind.WARNING);
    }

    @Test
    void shouldRefuseInvalidBucketNames() {
        assertThat(EvidenceForms.checkBucket("Acme_Evidence", null).kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(EvidenceForms.checkBucket("ab", null).kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void shouldUseCoresPrefixAndEncryptionRules() {
        assertThat(EvidenceForms.checkPrefix("compliance/prod").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(EvidenceForms.checkPrefix("a/../b").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(EvidenceForms.checkKmsKeyId("alias/evidence", "aws:kms").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(EvidenceForms.checkKmsKeyId("alias/evidence", "AES256").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void shouldWarnAboutUnusualRegionsAndRefuseNonHttpEndpoints() {
        assertThat(EvidenceForms.checkRegion("eu-central-1").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(EvidenceForms.checkRegion("us-gov-west-1").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(EvidenceForms.checkRegion("moon").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(EvidenceForms.checkEndpointUrl("https://minio.example.com:9000").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(EvidenceForms.checkEndpointUrl("ftp://example.com").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void shouldRequireIncludes() {
        assertThat(EvidenceForms.checkIncludes("reports/*.json").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(EvidenceForms.checkIncludes("  ").kind).isEqualTo(FormValidation.Kind.ERROR);
    }
}
