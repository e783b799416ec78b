package io.jenkins.plugins.evidencesync;

import hudson.FilePath;
import hudson.Util;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The ComplyBeacon sample files the tests publish (copied from core's test resources, Apache-2.0). */
enum Evidence {
    /** OTLP-JSON logs with {@code compliance.control.id = OSPS-QA-07.01}. */
    OTLP("otlp-logs-with-control.json", "reports/otlp.json"),
    /** An OCSF scan activity finding. */
    OCSF("ocsf-scan-activity.json", "reports/ocsf.json");

    static final String CONTROL = "OSPS-QA-07.01";

    private final String resource;
    private final String workspacePath;

    Evidence(String resource, String workspacePath) {
        this.resource = resource;
        this.workspacePath = workspacePath;
    }

    String workspacePath() {
        return workspacePath;
    }

    String text() {
        try (InputStream in = Evidence.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jenkins' fingerprint of the file: MD5, lower-case hex. */
    String md5() {
        return Util.getDigestOf(text());
    }

    String sha256() {
        try {
            return Util.toHexString(MessageDigest.getInstance("SHA-256").digest(text().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Pipeline {@code writeFile} statement that puts this file into the workspace. */
    String writeFileStep() {
        String escaped = text().replace("\\", "\\\\").replace("'''", "\\'\\'\\'");
        return "writeFile file: '" + workspacePath + "', text: '''" + escaped + "'''\n";
    }

    /** Puts this file into a workspace (freestyle). */
    void copyTo(FilePath workspace) throws IOException, InterruptedException {
        workspace.child(workspacePath).write(text(), StandardCharsets.UTF_8.name());
    }
}
