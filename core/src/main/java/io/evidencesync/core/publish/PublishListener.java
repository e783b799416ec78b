package io.evidencesync.core.publish;

import java.util.List;

import io.evidencesync.core.discovery.EvidenceFile;

/**
 * Progress of a publish, for the adapters' consoles (GitHub groups and annotations, Jenkins console). Every method
 * has a no-op default; calls may come from several upload threads.
 */
public interface PublishListener {
    PublishListener NONE = new PublishListener() {
    };

    default void discovered(List<EvidenceFile> files) {
    }

    /** Nothing matched and the policy says warn. */
    default void warning(String message) {
    }

    /** A file was refused; publishing stops before anything is written. */
    default void rejected(String path, String message) {
    }

    default void published(PublishedObject object) {
    }

    default void manifestWritten(String key) {
    }
}
