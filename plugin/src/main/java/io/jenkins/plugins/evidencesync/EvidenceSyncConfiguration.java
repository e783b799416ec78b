package io.jenkins.plugins.evidencesync;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Controller-wide defaults for every publish: bucket, region, key prefix and AWS credentials id. A step's own value
 * wins over these. Configured under "Manage Jenkins → System" or with Configuration as Code:
 *
 * <pre>
 * unclassified:
 *   evidenceSync:
 *     bucket: "acme-evidence"
 *     region: "eu-central-1"
 *     prefix: "evidence"
 *     credentialsId: "evidence-publisher"
 * </pre>
 *
 * No secret is stored here: {@code credentialsId} only names an entry of the credentials store.
 */
@Extension
@Symbol("evidenceSync")
public class EvidenceSyncConfiguration extends GlobalConfiguration {
    private String bucket;
    private String region;
    private String prefix;
    private String credentialsId;

    public EvidenceSyncConfiguration() {
        load();
    }

    /** The singleton, as registered by Jenkins. */
    public static EvidenceSyncConfiguration get() {
        return ExtensionList.lookupSingleton(EvidenceSyncConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return Messages.EvidenceSyncConfiguration_DisplayName();
    }

    /** The defaults as a value, for {@link PublishOptions#resolve}. */
    Defaults defaults() {
        return new Defaults(bucket, region, prefix, credentialsId);
    }

    @CheckForNull
    public String getBucket() {
        return bucket;
    }

    @DataBoundSetter
    public void setBucket(@CheckForNull String bucket) {
        this.bucket = Util.fixEmptyAndTrim(bucket);
        save();
    }

    @CheckForNull
    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(@CheckForNull String region) {
        this.region = Util.fixEmptyAndTrim(region);
        save();
    }

    @CheckForNull
    public String getPrefix() {
        return prefix;
    }

    @DataBoundSetter
    public void setPrefix(@CheckForNull String prefix) {
        this.prefix = Util.fixEmptyAndTrim(prefix);
        save();
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        save();
    }

    @POST
    public FormValidation doCheckBucket(@QueryParameter String value) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        return EvidenceForms.checkBucket(value, null);
    }

    @POST
    public FormValidation doCheckPrefix(@QueryParameter String value) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        return EvidenceForms.checkPrefix(value);
    }

    @POST
    public FormValidation doCheckRegion(@QueryParameter String value) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        return EvidenceForms.checkRegion(value);
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        StandardListBoxModel model = new StandardListBoxModel();
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return model.includeCurrentValue(Util.fixNull(credentialsId));
        }
        model.includeEmptyValue();
        model.includeAs(ACL.SYSTEM2, Jenkins.get(), AmazonWebServicesCredentials.class);
        model.includeCurrentValue(Util.fixNull(credentialsId));
        return model;
    }

    /**
     * The global defaults as one value.
     *
     * @param bucket        default bucket, or null
     * @param region        default region, or null
     * @param prefix        default key prefix, or null
     * @param credentialsId default AWS credentials id, or null
     */
    record Defaults(@CheckForNull String bucket, @CheckForNull String region, @CheckForNull String prefix,
                    @CheckForNull String credentialsId) {
        static final Defaults NONE = new Defaults(null, null, null, null);
    }
}
