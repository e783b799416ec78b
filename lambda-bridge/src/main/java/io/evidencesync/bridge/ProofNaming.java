package io.evidencesync.bridge;

import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.contract.EvidenceMetadata;
import io.evidencesync.core.contract.KeyEncoding;

/**
 * The proof's file name carries the build identity, since Hyperproof proof has no description field:
 * {@code <ci>-<pipeline>-<run>-<attempt>__<file>}, e.g. {@code github-actions-acme app CI-9001-2__reports scan.json}.
 * As Hyperproof's SDK does, {@code /} becomes a space; control characters and quotes are replaced too.
 */
final class ProofNaming {
    static final int MAX_LENGTH = 200;

    private ProofNaming() {
    }

    static String proofName(String key, EvidenceMetadata metadata) {
        String build = metadata.ciSystem() + "-" + metadata.pipelineName() + "-" + metadata.runId() + "-"
                + metadata.runAttempt();
        String file = sanitise(originalName(key, metadata));
        String prefix = sanitise(build) + "__";
        if (prefix.length() + file.length() > MAX_LENGTH) {
            int keep = Math.max(20, MAX_LENGTH - file.length() - 2);
            prefix = prefix.substring(0, Math.min(prefix.length(), keep)).strip() + "__";
            if (prefix.length() + file.length() > MAX_LENGTH) {
                file = file.substring(file.length() - (MAX_LENGTH - prefix.length()));
            }
        }
        return prefix + file;
    }

    /** The file's path relative to the evidence directory, decoded; the manifest's name for the manifest. */
    static String originalName(String key, EvidenceMetadata metadata) {
        String runPart = '/' + EvidenceContract.runPath(metadata.ciSystem(), metadata.pipelineName(), metadata.runId(),
                metadata.runAttempt()) + '/';
        int run = ('/' + key).indexOf(runPart);
        if (run >= 0) {
            String rest = key.substring(run + runPart.length() - 1);
            String files = EvidenceContract.FILES_SEGMENT + '/';
            return KeyEncoding.decode(rest.startsWith(files) ? rest.substring(files.length()) : rest);
        }
        int slash = key.lastIndexOf('/');
        return KeyEncoding.decode(slash < 0 ? key : key.substring(slash + 1));
    }

    static String sanitise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '/' || c == '\\' || Character.isISOControl(c) || c == '"') {
                out.append(' ');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString().replaceAll(" {2,}", " ").strip();
    }
}
