package io.jenkins.plugins.evidencesync;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.MissingContextVariableException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Pipeline step {@code publishEvidence}: publishes the workspace's ComplyBeacon evidence to S3 and returns what it
 * published.
 *
 * <pre>
 * def evidence = publishEvidence includes: 'reports/**&#47;*.json', bucket: 'acme-evidence', credentialsId: 'evidence-aws'
 * echo "manifest: ${evidence.manifestKey}, first object: ${evidence.objects[0].key}"
 * </pre>
 *
 * The result is a map: {@code published}, {@code bucket}, {@code manifestKey}, {@code manifestVersionId},
 * {@code dryRun} and {@code objects}, a list of maps with {@code path}, {@code key}, {@code uri},
 * {@code versionId}, {@code sha256}, {@code size}, {@code format}, {@code records}, {@code controls} and
 * {@code outcome}.
 */
public class PublishEvidenceStep extends Step implements PublishSettings {
    static final String FUNCTION_NAME = "publishEvidence";

    private final String includes;
    private String excludes;
    private String bucket;
    private String prefix;
    private String region;
    private String ifNoFilesFound;
    private String controlOverride;
    private String endpointUrl;
    private boolean pathStyle;
    private String sse;
    private String kmsKeyId;
    private boolean validate = true;
    private String credentialsId;
    private String failurePolicy;
    private boolean dryRun;

    /**
     * @param includes the evidence files: Ant-style patterns relative to the workspace, separated by commas or new
     *                 lines
     */
    @DataBoundConstructor
    public PublishEvidenceStep(String includes) {
        this.includes = Util.fixNull(includes).trim();
    }

    @Override
    public String getIncludes() {
        return includes;
    }

    @Override
    @CheckForNull
    public String getExcludes() {
        return excludes;
    }

    @DataBoundSetter
    public void setExcludes(@CheckForNull String excludes) {
        this.excludes = Util.fixEmptyAndTrim(excludes);
    }

    @Override
    @CheckForNull
    public String getBucket() {
        return bucket;
    }

    @DataBoundSetter
    public void setBucket(@CheckForNull String bucket) {
        this.bucket = Util.fixEmptyAndTrim(bucket);
    }

    @Override
    @CheckForNull
    public String getPrefix() {
        return prefix;
    }

    @DataBoundSetter
    public void setPrefix(@CheckForNull String prefix) {
        this.prefix = Util.fixEmptyAndTrim(prefix);
    }

    @Override
    @CheckForNull
    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(@CheckForNull String region) {
        this.region = Util.fixEmptyAndTrim(region);
    }

    @Override
    @CheckForNull
    public String getIfNoFilesFound() {
        return ifNoFilesFound;
    }

    @DataBoundSetter
    public void setIfNoFilesFound(@CheckForNull String ifNoFilesFound) {
        this.ifNoFilesFound = Util.fixEmptyAndTrim(ifNoFilesFound);
    }

    @Override
    @CheckForNull
    public String getControlOverride() {
        return controlOverride;
    }

    @DataBoundSetter
    public void setControlOverride(@CheckForNull String controlOverride) {
        this.controlOverride = Util.fixEmptyAndTrim(controlOverride);
    }

    @Override
    @CheckForNull
    public String getEndpointUrl() {
        return endpointUrl;
    }

    @DataBoundSetter
    public void setEndpointUrl(@CheckForNull String endpointUrl) {
        this.endpointUrl = Util.fixEmptyAndTrim(endpointUrl);
    }

    @Override
    public boolean isPathStyle() {
        return pathStyle;
    }

    @DataBoundSetter
    public void setPathStyle(boolean pathStyle) {
        this.pathStyle = pathStyle;
    }

    @Override
    @CheckForNull
    public String getSse() {
        return sse;
    }

    @DataBoundSetter
    public void setSse(@CheckForNull String sse) {
        this.sse = Util.fixEmptyAndTrim(sse);
    }

    @Override
    @CheckForNull
    public String getKmsKeyId() {
        return kmsKeyId;
    }

    @DataBoundSetter
    public void setKmsKeyId(@CheckForNull String kmsKeyId) {
        this.kmsKeyId = Util.fixEmptyAndTrim(kmsKeyId);
    }

    @Override
    public boolean isValidate() {
        return validate;
    }

    @DataBoundSetter
    public void setValidate(boolean validate) {
        this.validate = validate;
    }

    @Override
    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @Override
    @CheckForNull
    public String getFailurePolicy() {
        return failurePolicy;
    }

    @DataBoundSetter
    public void setFailurePolicy(@CheckForNull String failurePolicy) {
        this.failurePolicy = Util.fixEmptyAndTrim(failurePolicy);
    }

    @Override
    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        // invalid options fail here, before the step is scheduled, naming the step
        return new Execution(context, PublishOptions.resolve(this, EvidenceSyncConfiguration.get().defaults()));
    }

    /**
     * Runs the publish off the CPS thread. Holds only the resolved options (no credentials); it does not survive a
     * controller restart (a synchronous step is failed on resume), which is safe: publishing again in the same build
     * finds the objects already there.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
                justification = "a synchronous step is never resumed (SynchronousNonBlockingStepExecution.onResume fails it)")
        private final transient PublishOptions options;

        Execution(StepContext context, PublishOptions options) {
            super(context);
            this.options = options;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = required(Run.class);
            FlowNode node = required(FlowNode.class);
            UploadReport report = new EvidenceRunner().run(options, run, required(FilePath.class),
                    required(EnvVars.class), required(TaskListener.class), message -> {
                        node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
                        run.setResult(Result.UNSTABLE);
                    });
            return report == null ? UploadReport.failedPipelineResult(options.bucket(), Messages.PublishEvidenceStep_Failed())
                    : report.toPipelineResult();
        }

        private <T> T required(Class<T> type) throws IOException, InterruptedException {
            T value = getContext().get(type);
            if (value == null) {
                throw new MissingContextVariableException(type);
            }
            return value;
        }
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.PublishEvidenceStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, EnvVars.class, TaskListener.class, FlowNode.class);
        }

        @POST
        public FormValidation doCheckIncludes(@AncestorInPath Item item, @QueryParameter String value) {
            return EvidenceForms.mayConfigure(item) ? EvidenceForms.checkIncludes(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckBucket(@AncestorInPath Item item, @QueryParameter String value) {
            return EvidenceForms.mayConfigure(item)
                    ? EvidenceForms.checkBucket(value, EvidenceSyncConfiguration.get().getBucket()) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckPrefix(@AncestorInPath Item item, @QueryParameter String value) {
            return EvidenceForms.mayConfigure(item) ? EvidenceForms.checkPrefix(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckRegion(@AncestorInPath Item item, @QueryParameter String value) {
            return EvidenceForms.mayConfigure(item) ? EvidenceForms.checkRegion(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckEndpointUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return EvidenceForms.mayConfigure(item) ? EvidenceForms.checkEndpointUrl(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckKmsKeyId(@AncestorInPath Item item, @QueryParameter String value,
                                              @QueryParameter String sse) {
            return EvidenceForms.mayConfigure(item) ? EvidenceForms.checkKmsKeyId(value, sse) : FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillIfNoFilesFoundItems(@AncestorInPath Item item) {
            return EvidenceForms.ifNoFilesFoundItems();
        }

        @POST
        public ListBoxModel doFillFailurePolicyItems(@AncestorInPath Item item) {
            return EvidenceForms.failurePolicyItems();
        }

        @POST
        public ListBoxModel doFillSseItems(@AncestorInPath Item item) {
            return EvidenceForms.sseItems();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return EvidenceForms.credentialsIdItems(item, credentialsId);
        }
    }
}
