package io.evidencesync.core.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a fresh stream over the same bytes each time: evidence is read more than once (sniff, parse, upload). */
@FunctionalInterface
public interface InputSource {
    InputStream open() throws IOException;

    static InputSource of(Path file) {
        return () -> Files.newInputStream(file);
    }
}
