package io.jenkins.plugins.evidencesync;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.evidencesync.core.provenance.BuildProvenance;
import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Supplier;
import jenkins.model.Jenkins;

/**
 * The one publish path behind both entry points: check the options, derive the provenance, resolve credentials on
 * the controller, publish from the workspace's node through core, then record the result on the build (the
 * "Compliance evidence" page, fingerprints, a console summary). Only the reaction to a tolerated failure differs
 * between Pipeline and freestyle ({@link ResultHandler}).
 */
final class EvidenceRunner {
    private final CredentialsResolver credentials;
    private final Supplier<String> rootUrl;
    private final String producer;

    /** Production wiring: STS for session tokens, Jenkins' configured root URL. */
    EvidenceRunner() {
        this(new CredentialsResolver(SessionTokenExchange.sts()), () -> Jenkins.get().getRootUrl(), producer());
    }

    EvidenceRunner(CredentialsResolver credentials, Supplier<String> rootUrl, String producer) {
        this.credentials = credentials;
        this.rootUrl = rootUrl;
        this.producer = producer;
    }

    /**
     * Publishes the evidence.
     *
     * @return what was published, or null when the publish failed and the failure policy let the build continue
     * @throws AbortException for an invalid configuration, or a failed publish under failure policy FAIL
     */
    @CheckForNull
    UploadReport run(PublishOptions options, Run<?, ?> run, FilePath workspace, EnvVars env, TaskListener listener,
                     ResultHandler resultHandler) throws IOException, InterruptedException {
        BuildProvenance provenance = ProvenanceFactory.of(run, env, rootUrl.get());
        AgentCredentials agentCredentials = credentials.resolve(run, options);
        PrintStream console = listener.getLogger();
        console.println("[evidence-sync] publishing " + String.join(", ", options.includes()) + " from "
                + workspace.getRemote() + " to s3://" + options.bucket() + "/" + options.prefix()
                + " for " + run.getExternalizableId() + " (" + describe(agentCredentials, options) + ")");
        UploadReport report;
        try {
            report = workspace.act(new EvidenceUpload(new UploadSpec(options, provenance, producer), agentCredentials,
                    listener));
        } catch (AbortException e) {
            return tolerate(options, e.getMessage(), listener, resultHandler);
        }
        record(run, report);
        summarize(report, console);
        return report;
    }

    @CheckForNull
    private static UploadReport tolerate(PublishOptions options, String message, TaskListener listener,
                                         ResultHandler resultHandler) throws IOException, InterruptedException {
        switch (options.failurePolicy()) {
            case UNSTABLE -> {
                listener.error("[evidence-sync] " + message);
                listener.getLogger().println("[evidence-sync] failure policy 'unstable': the build goes on as UNSTABLE");
                resultHandler.setUnstable(message);
            }
            case IGNORE -> {
                listener.getLogger().println("[evidence-sync] WARNING: " + message);
                listener.getLogger().println("[evidence-sync] failure policy 'ignore': the build goes on");
            }
            default -> throw new AbortException(message);
        }
        return null;
    }

    private static void record(Run<?, ?> run, UploadReport report) throws IOException {
        synchronized (run) {
            EvidenceAction action = run.getAction(EvidenceAction.class);
            if (action == null) {
                action = new EvidenceAction(run);
                action.add(report);
                run.addAction(action);
            } else {
                action.add(report);
            }
            EvidenceFingerprints.record(run, report);
            run.save();
        }
    }

    private static void summarize(UploadReport report, PrintStream console) {
        if (report.getObjects().isEmpty()) {
            console.println("[evidence-sync] nothing published");
            return;
        }
        long controls = report.getObjects().stream().flatMap(object -> object.getControls().stream()).distinct().count();
        console.println("[evidence-sync] " + (report.isDryRun() ? "dry run: would publish " : "published ")
                + report.getObjects().size() + " object(s), " + controls + " distinct control(s)"
                + (report.getManifestKey() == null ? "" : "; manifest " + report.s3Uri(report.getManifestKey()))
                + "; see the build's \"" + Messages.EvidenceAction_DisplayName() + "\" page");
    }

    private static String describe(AgentCredentials credentials, PublishOptions options) {
        String id = options.credentialsId();
        return switch (credentials.source()) {
            case NODE_DEFAULT_CHAIN -> "credentials: the node's AWS default chain";
            case ASSUMED_ROLE -> "credentials: '" + id + "', role session";
            case SESSION_TOKEN -> "credentials: '" + id + "', 15-minute STS session";
            case STATIC_KEYS -> "credentials: '" + id + "', keys for the custom endpoint";
        };
    }

    private static String producer() {
        var plugin = Jenkins.get().getPluginManager().getPlugin("evidence-sync");
        return "evidence-sync-jenkins/" + (plugin == null ? "unknown" : plugin.getVersion());
    }
}
