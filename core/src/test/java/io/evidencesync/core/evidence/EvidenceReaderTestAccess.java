package io.evidencesync.core.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Lets tests in other packages build gzip fixtures the same way the reader tests do. */
public final class EvidenceReaderTestAccess {
    private EvidenceReaderTestAccess() {
    }

    public static byte[] gzip(String text) throws IOException {
        return EvidenceReaderTest.gzip(text.getBytes(StandardCharsets.UTF_8));
    }
}
