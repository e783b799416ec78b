package io.jenkins.plugins.evidencesync;

import hudson.model.Fingerprint;
import hudson.model.Run;
import hudson.tasks.Fingerprinter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * Records Jenkins fingerprints for published evidence, so "where was this file used?" works inside Jenkins as it
 * does for archived artifacts. Jenkins fingerprints are MD5 digests; the upload node computed them from the files
 * it read. The build is recorded as the files' owner (it produced the evidence it published).
 */
final class EvidenceFingerprints {
    private EvidenceFingerprints() {
    }

    static void record(Run<?, ?> run, UploadReport report) throws IOException {
        if (report.isDryRun() || report.getObjects().isEmpty()) {
            return;
        }
        Map<String, String> records = new LinkedHashMap<>();
        for (PublishedEvidence object : report.getObjects()) {
            Fingerprint fingerprint = Jenkins.get().getFingerprintMap().getOrCreate(run, fileName(object.getPath()),
                    object.getMd5());
            fingerprint.addFor(run);
            records.put(object.getPath(), fingerprint.getHashString());
        }
        Fingerprinter.FingerprintAction existing = run.getAction(Fingerprinter.FingerprintAction.class);
        if (existing == null) {
            run.addAction(new Fingerprinter.FingerprintAction(run, records));
        } else {
            existing.add(records);
        }
    }

    private static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
