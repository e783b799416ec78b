package io.jenkins.plugins.evidencesync;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.IOException;
import java.util.List;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Freestyle build step "Publish compliance evidence": the same publish as the Pipeline step {@code publishEvidence},
 * through the same {@link EvidenceRunner}; it cannot return a value, so the result is on the build's
 * "Compliance evidence" page. In a Pipeline prefer {@code publishEvidence}; this one's symbol is
 * {@code evidenceSyncPublish} so the two never clash.
 */
public class PublishEvidenceBuilder extends Builder implements SimpleBuildStep, PublishSettings {
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
    public PublishEvidenceBuilder(String includes) {
        this.includes = Util.fixNull(includes).trim();
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
                        @NonNull Launcher launcher, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        PublishOptions options = PublishOptions.resolve(this, EvidenceSyncConfiguration.get().defaults());
        new EvidenceRunner().run(options, run, workspace, env, listener, message -> run.setResult(Result.UNSTABLE));
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

    @Extension
    @Symbol("evidenceSyncPublish")
    public static class DescriptorImpl extends BuildStepDescriptor<Builder> {
        /** Fields documented once, on the Pipeline step; the help links of this form point there. */
        private static final List<String> SHARED_HELP = List.of("includes", "excludes", "bucket", "prefix", "region",
                "ifNoFilesFound", "controlOverride", "endpointUrl", "pathStyle", "sse", "kmsKeyId", "validate",
                "credentialsId", "failurePolicy", "dryRun");

        public DescriptorImpl() {
            for (String field : SHARED_HELP) {
                addHelpFileRedirect(field, PublishEvidenceStep.class, field);
            }
        }

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.PublishEvidenceBuilder_DisplayName();
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
