package io.jenkins.plugins.evidencesync;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.publish.Encryption;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;

/**
 * Form validation and drop-down contents shared by the step, the build step and the global configuration. The
 * descriptors' {@code @POST} endpoints check permissions and then call these; the rules themselves come from core
 * wherever core has them (prefix, encryption), so the form and the build refuse the same values.
 */
final class EvidenceForms {
    /** S3 bucket names: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending alphanumeric. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+-\\d+");

    private EvidenceForms() {
    }

    /** Whether the current user may validate or list things for this context: configure the item, or administer. */
    static boolean mayConfigure(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    static FormValidation checkIncludes(@CheckForNull String value) {
        return Util.fixEmptyAndTrim(value) == null ? FormValidation.error(Messages.PublishOptions_NoIncludes())
                : FormValidation.ok();
    }

    /**
     * @param value         the bucket typed
     * @param globalDefault the global default bucket, when checking a step (null for the global page itself)
     */
    static FormValidation checkBucket(@CheckForNull String value, @CheckForNull String globalDefault) {
        String bucket = Util.fixEmptyAndTrim(value);
        if (bucket == null) {
            return globalDefault == null ? FormValidation.warning(Messages.EvidenceForms_BucketFromDefaultMissing())
                    : FormValidation.ok(Messages.EvidenceForms_BucketFromDefault(globalDefault));
        }
        return BUCKET.matcher(bucket).matches() ? FormValidation.ok()
                : FormValidation.error(Messages.EvidenceForms_InvalidBucket(bucket));
    }

    static FormValidation checkPrefix(@CheckForNull String value) {
        try {
            EvidenceContract.normalizePrefix(value);
            return FormValidation.ok();
        } catch (EvidenceException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation checkRegion(@CheckForNull String value) {
        String region = Util.fixEmptyAndTrim(value);
        if (region == null || REGION.matcher(region).matches()) {
            return FormValidation.ok();
        }
        return FormValidation.warning(Messages.EvidenceForms_UnusualRegion(region));
    }

    static FormValidation checkEndpointUrl(@CheckForNull String value) {
        try {
            PublishOptions.endpoint(value);
            return FormValidation.ok();
        } catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation checkKmsKeyId(@CheckForNull String kmsKeyId, @CheckForNull String sse) {
        try {
            Encryption.parse(sse, kmsKeyId, "sse");
            return FormValidation.ok();
        } catch (EvidenceException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static ListBoxModel ifNoFilesFoundItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.EvidenceForms_IfNoFilesFound_Error(), "error");
        items.add(Messages.EvidenceForms_IfNoFilesFound_Warn(), "warn");
        items.add(Messages.EvidenceForms_IfNoFilesFound_Ignore(), "ignore");
        return items;
    }

    static ListBoxModel failurePolicyItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.EvidenceForms_FailurePolicy_Fail(), "fail");
        items.add(Messages.EvidenceForms_FailurePolicy_Unstable(), "unstable");
        items.add(Messages.EvidenceForms_FailurePolicy_Ignore(), "ignore");
        return items;
    }

    static ListBoxModel sseItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.EvidenceForms_Sse_None(), "");
        items.add(Messages.EvidenceForms_Sse_S3(), "AES256");
        items.add(Messages.EvidenceForms_Sse_Kms(), "aws:kms");
        return items;
    }

    /**
     * The AWS credentials this item's builds may use, as the user who runs them (the credentials plugin's
     * recommended pattern); only the current value for users who may not configure the item.
     */
    static ListBoxModel credentialsIdItems(@CheckForNull Item item, @CheckForNull String credentialsId) {
        StandardListBoxModel model = new StandardListBoxModel();
        String current = Util.fixNull(credentialsId);
        if (item == null ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : !item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return model.includeCurrentValue(current);
        }
        model.includeEmptyValue();
        if (item == null) {
            model.includeAs(ACL.SYSTEM2, Jenkins.get(), AmazonWebServicesCredentials.class);
        } else {
            model.includeAs(item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2, item,
                    AmazonWebServicesCredentials.class);
        }
        return model.includeCurrentValue(current);
    }
}
