package io.jenkins.plugins.evidencesync;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.tasks.Fingerprinter;
import io.evidencesync.core.contract.EvidenceContract;
import java.util.Map;
import jenkins.model.JenkinsLocationConfiguration;
import org.assertj.core.api.SoftAssertions;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The Pipeline step against the sandbox S3, on the built-in node and on an agent. */
@WithJenkins
class PublishEvidenceStepITest {
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
    void shouldPublishEvidenceAndReturnPlainMapsToTheSandboxedScript() throws Exception {
        WorkflowJob job = pipeline("node {\n"
                + Evidence.OTLP.writeFileStep() + Evidence.OCSF.writeFileStep()
                + "  def result = " + publish("includes: 'reports/*.json'") + "\n"
                + "  echo \"objects=${result.objects.size()} published=${result.published}\"\n"
                + "  echo \"manifest=${result.manifestKey}\"\n"
                + "  echo \"first=${result.objects[0].path} sha256=${result.objects[0].sha256} size=${result.objects[0].size}\"\n"
                + "  echo \"controls=${result.objects[1].controls} version=${result.objects[1].versionId != null}\"\n"
                + "}");

        WorkflowRun build = j.buildAndAssertSuccess(job);

        String runPrefix = "evidence/jenkins/" + job.getFullName() + "/" + build.getNumber() + "/1/";
        j.assertLogContains("objects=2 published=true", build);
        j.assertLogContains("manifest=" + runPrefix + "manifest.json", build);
        j.assertLogContains("first=reports/ocsf.json sha256=" + Evidence.OCSF.sha256(), build);
        j.assertLogContains("controls=[" + Evidence.CONTROL + "] version=true", build);

        EvidenceAction action = build.getAction(EvidenceAction.class);
        assertThat(action).isNotNull();
        assertThat(action.getExternalizableId()).isEqualTo(job.getFullName() + "#" + build.getNumber());
        assertThat(action.getObjects()).extracting(PublishedEvidence::getKey).containsExactly(
                runPrefix + "files/reports/ocsf.json", runPrefix + "files/reports/otlp.json");
        assertThat(action.getObjects()).allSatisfy(object -> assertThat(object.getVersionId()).isNotBlank());

        Fingerprinter.FingerprintAction fingerprints = build.getAction(Fingerprinter.FingerprintAction.class);
        assertThat(fingerprints).isNotNull();
        assertThat(fingerprints.getRecords()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Evidence.OTLP.workspacePath(), Evidence.OTLP.md5(),
                Evidence.OCSF.workspacePath(), Evidence.OCSF.md5()));

        try (S3Client client = s3.client()) {
            HeadObjectResponse head = client.headObject(b -> b.bucket(s3.bucket())
                    .key(runPrefix + "files/reports/otlp.json"));
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(head.metadata()).containsEntry(EvidenceContract.META_RUN_URL,
                        j.jenkins.getRootUrl() + build.getUrl());
                softly.assertThat(head.metadata()).containsEntry(EvidenceContract.META_PIPELINE, job.getFullName());
                softly.assertThat(head.metadata()).containsEntry(EvidenceContract.META_RUN_ID,
                        Integer.toString(build.getNumber()));
                softly.assertThat(head.metadata()).containsEntry(EvidenceContract.META_SHA256, Evidence.OTLP.sha256());
            });
        }
    }

    @Test
    void shouldPublishFromTheAgentThatHoldsTheWorkspace() throws Exception {
        DumbSlave agent = j.createOnlineSlave();
        WorkflowJob job = pipeline("node('" + agent.getNodeName() + "') {\n"
                + Evidence.OTLP.writeFileStep()
                + "  def result = " + publish("includes: 'reports/*.json'") + "\n"
                + "  echo \"objects=${result.objects.size()}\"\n"
                + "}");

        WorkflowRun build = j.buildAndAssertSuccess(job);

        j.assertLogContains("objects=1", build);
        j.assertLogContains("from " + agent.getRemoteFS(), build);
        assertThat(build.getAction(EvidenceAction.class).getObjects()).singleElement()
                .satisfies(object -> assertThat(object.getMd5()).isEqualTo(Evidence.OTLP.md5()));
    }

    @Test
    void shouldFailWithAClearMessageWhenTheJenkinsUrlIsNotConfigured() throws Exception {
        JenkinsLocationConfiguration.get().setUrl(null);
        WorkflowJob job = pipeline("node {\n" + Evidence.OTLP.writeFileStep()
                + "  " + publish("includes: 'reports/*.json'") + "\n}");

        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("Jenkins URL is not configured", build);
        assertThat(build.getAction(EvidenceAction.class)).isNull();
    }

    @Test
    void shouldFailWhenNoFileMatchesByDefault() throws Exception {
        WorkflowJob job = pipeline("node {\n  " + publish("includes: 'reports/*.json'") + "\n}");

        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("no evidence files matched", build);
    }

    @Test
    void shouldOnlyWarnWhenNoFileMatchesAndIfNoFilesFoundIsWarn() throws Exception {
        WorkflowJob job = pipeline("node {\n"
                + "  def result = " + publish("includes: 'reports/*.json', ifNoFilesFound: 'warn'") + "\n"
                + "  echo \"objects=${result.objects.size()} manifest=${result.manifestKey}\"\n}");

        WorkflowRun build = j.buildAndAssertSuccess(job);

        j.assertLogContains("WARNING: no evidence files matched", build);
        j.assertLogContains("objects=0 manifest=null", build);
    }

    @Test
    void shouldMarkTheBuildAndStageUnstableUnderTheUnstablePolicy() throws Exception {
        WorkflowJob job = pipeline("node {\n" + Evidence.OTLP.writeFileStep()
                + "  def result = publishEvidence includes: 'reports/*.json', bucket: 'no-such-bucket', region: '"
                + s3.region() + "', endpointUrl: '" + s3.endpoint() + "', pathStyle: true, credentialsId: '"
                + SandboxCredentials.ID + "', failurePolicy: 'unstable'\n"
                + "  echo \"published=${result.published}\"\n}");

        WorkflowRun build = j.buildAndAssertStatus(Result.UNSTABLE, job);

        j.assertLogContains("published=false", build);
        j.assertLogContains("no-such-bucket", build);
        assertThat(new DepthFirstScanner().allNodes(build.getExecution()))
                .extracting(node -> node.getPersistentAction(WarningAction.class))
                .filteredOn(warning -> warning != null)
                .singleElement()
                .satisfies(warning -> assertThat(warning.getResult()).isEqualTo(Result.UNSTABLE));
    }

    @Test
    void shouldUseTheGlobalDefaultsWhenTheStepNamesNoBucket() throws Exception {
        EvidenceSyncConfiguration defaults = EvidenceSyncConfiguration.get();
        defaults.setBucket(s3.bucket());
        defaults.setRegion(s3.region());
        defaults.setPrefix("compliance/ci");
        defaults.setCredentialsId(SandboxCredentials.ID);
        WorkflowJob job = pipeline("node {\n" + Evidence.OTLP.writeFileStep()
                + "  def result = publishEvidence includes: 'reports/*.json', endpointUrl: '" + s3.endpoint()
                + "', pathStyle: true\n"
                + "  echo \"bucket=${result.bucket} key=${result.objects[0].key}\"\n}");

        WorkflowRun build = j.buildAndAssertSuccess(job);

        j.assertLogContains("bucket=" + s3.bucket() + " key=compliance/ci/jenkins/" + job.getFullName(), build);
    }

    private static String publish(String arguments) {
        return "publishEvidence " + arguments + ", bucket: '" + s3.bucket() + "', region: '" + s3.region()
                + "', endpointUrl: '" + s3.endpoint() + "', pathStyle: true, credentialsId: '"
                + SandboxCredentials.ID + "'";
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }
}
