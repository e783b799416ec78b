package io.jenkins.plugins.evidencesync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Job;
import hudson.model.Run;
import io.evidencesync.core.provenance.BuildProvenance;
import org.junit.jupiter.api.Test;

/** The Jenkins column of docs/contract.md, "Build provenance". */
class ProvenanceFactoryTest {
    private static final String ROOT = "https://ci.example.com/jenkins/";

    @Test
    void shouldLinkToTheBuildTheJobAndTheCommit() throws AbortException {
        EnvVars env = new EnvVars("GIT_COMMIT", "c0ffee", "GIT_URL", "https://github.com/acme/app.git",
                "BRANCH_NAME", "PR-7", "GIT_BRANCH", "origin/feature", "CHANGE_ID", "7", "BUILD_USER_ID", "alice");

        BuildProvenance provenance = ProvenanceFactory.of(run("acme/app/PR-7", 42), env, ROOT);

        assertThat(provenance.ciSystem()).isEqualTo("jenkins");
        assertThat(provenance.pipelineName()).isEqualTo("acme/app/PR-7");
        assertThat(provenance.runId()).isEqualTo("42");
        assertThat(provenance.runAttempt()).isEqualTo(1);
        assertThat(provenance.runUrl()).isEqualTo(ROOT + "job/acme/job/app/job/PR-7/42/");
        assertThat(provenance.jobUrl()).isEqualTo(ROOT + "job/acme/job/app/job/PR-7/");
        assertThat(provenance.revision()).isEqualTo("c0ffee");
        assertThat(provenance.repositoryUrl()).isEqualTo("https://github.com/acme/app");
        assertThat(provenance.ref()).isEqualTo("PR-7");
        assertThat(provenance.changeId()).isEqualTo("7");
        assertThat(provenance.actor()).isEqualTo("alice");
    }

    @Test
    void shouldFallBackToGitBranchAndAddTheMissingSlashToTheRootUrl() throws AbortException {
        EnvVars env = new EnvVars("GIT_BRANCH", "origin/main");

        BuildProvenance provenance = ProvenanceFactory.of(run("app", 3), env, "https://ci.example.com");

        assertThat(provenance.ref()).isEqualTo("origin/main");
        assertThat(provenance.runUrl()).isEqualTo("https://ci.example.com/job/app/3/");
        assertThat(provenance.revision()).isNull();
        assertThat(provenance.changeId()).isNull();
    }

    @Test
    void shouldRefuseToPublishWithoutTheJenkinsUrl() {
        assertThatThrownBy(() -> ProvenanceFactory.of(run("app", 1), new EnvVars(), null))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("Jenkins URL is not configured");
    }

    @SuppressWarnings("rawtypes")
    private static Run<?, ?> run(String fullName, int number) {
        Job job = mock(Job.class);
        when(job.getFullName()).thenReturn(fullName);
        String jobUrl = "job/" + fullName.replace("/", "/job/") + "/";
        when(job.getUrl()).thenReturn(jobUrl);
        Run run = mock(Run.class);
        doReturn(job).when(run).getParent();
        when(run.getNumber()).thenReturn(number);
        when(run.getUrl()).thenReturn(jobUrl + number + "/");
        return run;
    }
}
