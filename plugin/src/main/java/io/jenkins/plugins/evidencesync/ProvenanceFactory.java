package io.jenkins.plugins.evidencesync;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Util;
import hudson.model.Cause;
import hudson.model.Run;
import io.evidencesync.core.provenance.BuildProvenance;

/**
 * The build's identity in core's terms (docs/contract.md, "Build provenance", Jenkins column): the full job name,
 * the build number, the build's URL, and what the SCM steps left in the environment (commit, repository, branch,
 * pull request). Requires Jenkins' root URL: evidence that cannot link back to its build is refused.
 */
final class ProvenanceFactory {
    static final String CI_SYSTEM = "jenkins";

    private ProvenanceFactory() {
    }

    /**
     * @param run     the build
     * @param env     the build's environment where the step runs (Pipeline: including {@code withEnv})
     * @param rootUrl Jenkins' configured root URL, or null when it is not configured
     * @return the provenance
     * @throws AbortException when the root URL is not configured
     */
    static BuildProvenance of(Run<?, ?> run, EnvVars env, @CheckForNull String rootUrl) throws AbortException {
        String root = Util.fixEmptyAndTrim(rootUrl);
        if (root == null) {
            throw new AbortException(Messages.ProvenanceFactory_NoRootUrl());
        }
        if (!root.endsWith("/")) {
            root = root + "/";
        }
        return BuildProvenance.builder()
                .ciSystem(CI_SYSTEM)
                .pipelineName(run.getParent().getFullName())
                .runId(Integer.toString(run.getNumber()))
                .runAttempt(1)
                // the same value Jenkins puts into BUILD_URL and JOB_URL (CoreEnvironmentContributor)
                .runUrl(root + run.getUrl())
                .jobUrl(root + run.getParent().getUrl())
                .repositoryUrl(env.get("GIT_URL"))
                .revision(env.get("GIT_COMMIT"))
                .ref(firstNonBlank(env.get("BRANCH_NAME"), env.get("GIT_BRANCH")))
                .changeId(env.get("CHANGE_ID"))
                .actor(firstNonBlank(env.get("BUILD_USER_ID"), startedBy(run)))
                .build();
    }

    @CheckForNull
    private static String startedBy(Run<?, ?> run) {
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        return cause == null ? null : cause.getUserId();
    }

    @CheckForNull
    private static String firstNonBlank(@CheckForNull String first, @CheckForNull String second) {
        String value = Util.fixEmptyAndTrim(first);
        return value != null ? value : Util.fixEmptyAndTrim(second);
    }
}
