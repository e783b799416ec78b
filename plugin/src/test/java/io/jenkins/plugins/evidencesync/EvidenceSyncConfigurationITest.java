package io.jenkins.plugins.evidencesync;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The global configuration page and its validation. */
@WithJenkins
class EvidenceSyncConfigurationITest {
    @Test
    void shouldKeepTheDefaultsThroughTheGlobalConfigurationPage(JenkinsRule j) throws Exception {
        EvidenceSyncConfiguration configuration = EvidenceSyncConfiguration.get();
        configuration.setBucket("acme-evidence");
        configuration.setRegion("eu-central-1");
        configuration.setPrefix("compliance");

        j.configRoundtrip();

        assertThat(EvidenceSyncConfiguration.get().getBucket()).isEqualTo("acme-evidence");
        assertThat(EvidenceSyncConfiguration.get().getRegion()).isEqualTo("eu-central-1");
        assertThat(EvidenceSyncConfiguration.get().getPrefix()).isEqualTo("compliance");
        assertThat(EvidenceSyncConfiguration.get().getCredentialsId()).isNull();
    }

    @Test
    void shouldRefuseAnInvalidBucketAndPrefixForAnAdministrator(JenkinsRule j) {
        EvidenceSyncConfiguration configuration = EvidenceSyncConfiguration.get();

        assertThat(configuration.doCheckBucket("Not_A_Bucket").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(configuration.doCheckBucket("acme-evidence").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(configuration.doCheckPrefix("/evidence").kind).isEqualTo(FormValidation.Kind.ERROR);
    }
}
