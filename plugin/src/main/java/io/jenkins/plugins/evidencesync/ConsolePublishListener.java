package io.jenkins.plugins.evidencesync;

import io.evidencesync.core.discovery.EvidenceFile;
import io.evidencesync.core.publish.PublishListener;
import io.evidencesync.core.publish.PublishedObject;
import java.io.PrintStream;
import java.util.List;

/**
 * Core's progress events as build console lines. Runs on the node doing the upload; core calls it from several
 * upload threads, so every event is one {@code println}. Prints keys, versions and digests, never credentials.
 */
final class ConsolePublishListener implements PublishListener {
    private final PrintStream console;
    private final String bucket;

    ConsolePublishListener(PrintStream console, String bucket) {
        this.console = console;
        this.bucket = bucket;
    }

    @Override
    public void discovered(List<EvidenceFile> files) {
        console.println("[evidence-sync] " + files.size() + " evidence file(s) matched");
    }

    @Override
    public void warning(String message) {
        console.println("[evidence-sync] WARNING: " + message);
    }

    @Override
    public void rejected(String path, String message) {
        console.println("[evidence-sync] refused " + path + ": " + message);
    }

    @Override
    public void published(PublishedObject object) {
        String verb = switch (object.outcome()) {
            case UPLOADED -> "published";
            case ALREADY_PUBLISHED -> "already published";
            case PLANNED -> "would publish";
        };
        console.println("[evidence-sync] " + verb + " " + object.path() + " -> s3://" + bucket + "/" + object.key()
                + (object.versionId() == null ? "" : " (version " + object.versionId() + ")"));
    }

    @Override
    public void manifestWritten(String key) {
        console.println("[evidence-sync] run manifest s3://" + bucket + "/" + key);
    }
}
