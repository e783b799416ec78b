package io.evidencesync.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildProvenanceTest {
    private static BuildProvenance.Builder jenkinsBuild() {
        return BuildProvenance.builder().ciSystem("jenkins").pipelineName("acme/app").runId("42");
    }

    @Test
    void shouldDropCredentialsFromTheRepositoryRunAndJobUrls() {
        BuildProvenance provenance = jenkinsBuild()
                .runUrl("https://ci-bot:s3cr3t@pa@ss@jenkins.example.com/job/app/42/")
                .jobUrl("https://ci-bot@jenkins.example.com/job/app/")
                .repositoryUrl("https://x-access-token:ghs_abc123@github.com/acme/app.git")
                .build();

        assertThat(provenance.runUrl()).isEqualTo("https://jenkins.example.com/job/app/42/");
        assertThat(provenance.jobUrl()).isEqualTo("https://jenkins.example.com/job/app/");
        assertThat(provenance.repositoryUrl()).isEqualTo("https://github.com/acme/app");
        assertThat(provenance.toAttributes().values()).noneMatch(value -> value.contains("s3cr3t")
                || value.contains("pa@ss") || value.contains("ghs_abc123") || value.contains("ci-bot"));
    }

    @Test
    void shouldLeaveUrlsWithoutCredentialsAsTheyAre() {
        BuildProvenance provenance = jenkinsBuild()
                .runUrl("https://jenkins.example.com/job/app/42/?a=b@c")
                .repositoryUrl("git@github.com:acme/app.git")
                .build();

        assertThat(provenance.runUrl()).isEqualTo("https://jenkins.example.com/job/app/42/?a=b@c");
        assertThat(provenance.repositoryUrl()).isEqualTo("git@github.com:acme/app");
    }
}
