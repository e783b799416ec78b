package io.jenkins.plugins.evidencesync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Resolving the user's settings against the global defaults; no Jenkins needed. */
class PublishOptionsTest {
    private static final EvidenceSyncConfiguration.Defaults DEFAULTS =
            new EvidenceSyncConfiguration.Defaults("default-bucket", "eu-west-1", "compliance", "default-aws");

    @Test
    void shouldTakeTheStepsValuesOverTheDefaults() throws AbortException {
        PublishEvidenceStep step = new PublishEvidenceStep("reports/**/*.json, scans/*.jsonl");
        step.setBucket("acme-evidence");
        step.setRegion("us-east-2");
        step.setPrefix("evidence/team-a");
        step.setCredentialsId("team-a-aws");

        PublishOptions options = PublishOptions.resolve(step, DEFAULTS);

        assertThat(options.includes()).containsExactly("reports/**/*.json", "scans/*.jsonl");
        assertThat(options.bucket()).isEqualTo("acme-evidence");
        assertThat(options.region()).isEqualTo("us-east-2");
        assertThat(options.prefix()).isEqualTo("evidence/team-a/");
        assertThat(options.credentialsId()).isEqualTo("team-a-aws");
        assertThat(options.validate()).isTrue();
        assertThat(options.failurePolicy()).isEqualTo(FailurePolicy.FAIL);
        assertThat(options.ifNoFilesFound()).isEqualTo("ERROR");
    }

    @Test
    void shouldFallBackToTheGlobalDefaults() throws AbortException {
        PublishOptions options = PublishOptions.resolve(new PublishEvidenceStep("reports/*.json"), DEFAULTS);

        assertThat(options.bucket()).isEqualTo("default-bucket");
        assertThat(options.region()).isEqualTo("eu-west-1");
        assertThat(options.prefix()).isEqualTo("compliance/");
        assertThat(options.credentialsId()).isEqualTo("default-aws");
    }

    @Test
    void shouldUseTheEvidencePrefixAndTheNodesCredentialsWithoutDefaults() throws AbortException {
        PublishEvidenceStep step = new PublishEvidenceStep("reports/*.json");
        step.setBucket("acme-evidence");

        PublishOptions options = PublishOptions.resolve(step, EvidenceSyncConfiguration.Defaults.NONE);

        assertThat(options.prefix()).isEqualTo("evidence/");
        assertThat(options.region()).isNull();
        assertThat(options.credentialsId()).isNull();
    }

    @Test
    void shouldRefuseAMissingBucketNamingWhereToSetIt() {
        assertThatThrownBy(() -> PublishOptions.resolve(new PublishEvidenceStep("reports/*.json"),
                EvidenceSyncConfiguration.Defaults.NONE))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("bucket: no evidence bucket given")
                .hasMessageContaining("Manage Jenkins > System > Evidence Sync");
    }

    @Test
    void shouldRefuseEmptyIncludes() {
        assertThatThrownBy(() -> PublishOptions.resolve(new PublishEvidenceStep(" , "), DEFAULTS))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("includes:");
    }

    @Test
    void shouldRefuseInvalidValuesWithCoresMessage() {
        PublishEvidenceStep prefix = new PublishEvidenceStep("*.json");
        prefix.setPrefix("/absolute");
        assertThatThrownBy(() -> PublishOptions.resolve(prefix, DEFAULTS)).hasMessageContaining("prefix '/absolute'");

        PublishEvidenceStep sse = new PublishEvidenceStep("*.json");
        sse.setSse("rot13");
        assertThatThrownBy(() -> PublishOptions.resolve(sse, DEFAULTS)).hasMessageContaining("sse: 'rot13'");

        PublishEvidenceStep noFiles = new PublishEvidenceStep("*.json");
        noFiles.setIfNoFilesFound("shrug");
        assertThatThrownBy(() -> PublishOptions.resolve(noFiles, DEFAULTS)).hasMessageContaining("ifNoFilesFound: 'shrug'");
    }

    @Test
    void shouldAcceptOnlyHttpEndpoints() throws AbortException {
        assertThat(PublishOptions.endpoint(" ")).isNull();
        assertThat(PublishOptions.endpoint("http://127.0.0.1:9000")).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThatThrownBy(() -> PublishOptions.endpoint("minio:9000"))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("endpointUrl: \"minio:9000\"");
    }
}
