package io.evidencesync.cli;

import java.nio.file.Path;

/** The {@code evidence-sync} command: {@code java -jar evidence-sync.jar publish ...}. Only wires the process in. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new EvidenceSyncCli(System.getenv(), System.out, System.err, Path.of("").toAbsolutePath()).run(args));
    }
}
