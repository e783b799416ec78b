package io.jenkins.plugins.evidencesync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import org.junit.jupiter.api.Test;

/** The global defaults from a Configuration as Code file (docs/jenkins.md shows the same YAML). */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeITest {
    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void shouldReadTheGlobalDefaultsFromConfigurationAsCode(JenkinsConfiguredWithCodeRule j) {
        EvidenceSyncConfiguration configuration = EvidenceSyncConfiguration.get();

        assertThat(configuration.getBucket()).isEqualTo("acme-evidence");
        assertThat(configuration.getRegion()).isEqualTo("eu-central-1");
        assertThat(configuration.getPrefix()).isEqualTo("compliance");
        assertThat(configuration.getCredentialsId()).isEqualTo("evidence-aws");
    }
}
