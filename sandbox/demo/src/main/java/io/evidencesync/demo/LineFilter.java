package io.evidencesync.demo;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Passes on, indented, only the bridge's per-object log lines (those with an "outcome"); drops the metrics lines. */
final class LineFilter extends OutputStream {
    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineFilter(PrintStream target) {
        this.target = target;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            if (text.contains("\"outcome\"")) {
                target.println("   " + text);
            }
            line.reset();
        } else {
            line.write(b);
        }
    }
}
