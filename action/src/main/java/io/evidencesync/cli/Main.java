package io.evidencesync.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.evidencesync.cli.publish.NativeCrypto;

/** The {@code evidence-sync} command: {@code java -jar evidence-sync.jar publish ...}. Only wires the process in. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && "publish".equals(args[0])) {
            NativeCrypto.loadInBackground(); // about 0.3 s, on the side: parsing the command line would delay it
        }
        System.exit(new EvidenceSyncCli(System.getenv(), utf8(FileDescriptor.out), utf8(FileDescriptor.err),
                Path.of("").toAbsolutePath()).run(args));
    }

    /**
     * UTF-8 whatever the platform's charset: CI runners read logs as UTF-8, and Java 17 writes {@code System.out}
     * in the platform's (Windows-1252 on Windows runners, ASCII under the C locale), which garbles non-ASCII file
     * names in the log and in annotations.
     */
    private static PrintStream utf8(FileDescriptor descriptor) {
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(descriptor), 8192), true,
                StandardCharsets.UTF_8);
    }
}
