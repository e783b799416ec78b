package io.jenkins.plugins.evidencesync;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.tasks.Fingerprinter;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle build step against the sandbox S3, and its configuration form. */
@WithJenkins
class PublishEvidenceBuilderITest {
    private static SandboxS3Process s3;

    @BeforeAll
    static void startSandbox() throws Exception {
        s3 = SandboxS3Process.start();
    }

    @AfterAll
    static void stopSandbox() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    /** Injected once per test here only: the extension starts Jenkins each time it resolves the parameter. */
    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        SandboxCredentials.store(s3);
    }

    @Test
    void shouldPublishFromAFreestyleBuild() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new WriteEvidence());
        project.getBuildersList().add(sandboxBuilder("reports/*.json"));

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        j.assertLogContains("published 2 object(s)", build);
        EvidenceAction action = build.getAction(EvidenceAction.class);
        assertThat(action).isNotNull();
        assertThat(action.getObjects()).extracting(PublishedEvidence::getPath)
                .containsExactly(Evidence.OCSF.workspacePath(), Evidence.OTLP.workspacePath());
        assertThat(action.getObjects()).filteredOn(object -> object.getPath().equals(Evidence.OTLP.workspacePath()))
                .singleElement()
                .satisfies(object -> assertThat(object.getControls()).containsExactly(Evidence.CONTROL));
        assertThat(build.getAction(Fingerprinter.FingerprintAction.class).getRecords())
                .containsEntry(Evidence.OTLP.workspacePath(), Evidence.OTLP.md5());
    }

    @Test
    void shouldMarkTheBuildUnstableWhenNothingMatchesUnderTheUnstablePolicy() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        PublishEvidenceBuilder builder = sandboxBuilder("reports/*.json");
        builder.setFailurePolicy("unstable");
        project.getBuildersList().add(builder);

        FreeStyleBuild build = j.assertBuildStatus(Result.UNSTABLE, project.scheduleBuild2(0));

        j.assertLogContains("no evidence files matched", build);
        assertThat(build.getAction(EvidenceAction.class)).isNull();
    }

    @Test
    void shouldKeepEveryOptionThroughTheConfigurationForm() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        PublishEvidenceBuilder builder = new PublishEvidenceBuilder("reports/**/*.json");
        builder.setExcludes("reports/tmp/**");
        builder.setBucket("acme-evidence");
        builder.setPrefix("compliance");
        builder.setRegion("eu-central-1");
        builder.setIfNoFilesFound("warn");
        builder.setControlOverride("OSPS-QA-07.01");
        builder.setEndpointUrl("https://minio.example.com:9000");
        builder.setPathStyle(true);
        builder.setSse("aws:kms");
        builder.setKmsKeyId("alias/evidence");
        builder.setValidate(false);
        builder.setCredentialsId(SandboxCredentials.ID);
        builder.setFailurePolicy("unstable");
        builder.setDryRun(true);
        project.getBuildersList().add(builder);

        j.configRoundtrip(project);

        assertThat(project.getBuildersList().get(PublishEvidenceBuilder.class))
                .usingRecursiveComparison()
                .isEqualTo(builder);
    }

    private static PublishEvidenceBuilder sandboxBuilder(String includes) {
        PublishEvidenceBuilder builder = new PublishEvidenceBuilder(includes);
        builder.setBucket(s3.bucket());
        builder.setRegion(s3.region());
        builder.setEndpointUrl(s3.endpoint());
        builder.setPathStyle(true);
        builder.setCredentialsId(SandboxCredentials.ID);
        return builder;
    }

    /** Puts the sample evidence into the workspace, as a scanner step would. */
    private static final class WriteEvidence extends TestBuilder {
        @Override
        public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
                throws InterruptedException, IOException {
            for (Evidence evidence : Evidence.values()) {
                evidence.copyTo(build.getWorkspace());
            }
            return true;
        }
    }
}
