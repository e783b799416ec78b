package io.evidencesync.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes synthetic but valid OCSF evidence for benchmarks: {@code GenerateEvidence <dir> <files> <bytes each>}
 * writes {@code <dir>/scan-00001.json ...}, each a JSON array of OCSF Scan Activity findings (class 6007) padded to
 * exactly the size asked for. Every finding is marked synthetic: {@code metadata.product.name} is
 * {@value #MARK} and {@code unmapped.synthetic} is true, so nobody mistakes it for real evidence.
 */
public final class GenerateEvidence {
    static final String MARK = "evidence-sync-bench (synthetic)";

    private GenerateEvidence() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: GenerateEvidence <dir> <files> <bytes each>");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        int files = Integer.parseInt(args[1]);
        long size = Long.parseLong(args[2]);
        for (int i = 1; i <= files; i++) {
            write(dir.resolve(String.format("scan-%05d.json", i)), i, size);
        }
    }

    private static void write(Path file, int fileNumber, long size) throws IOException {
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write('[');
            written++;
            int n = 0;
            while (true) {
                String finding = finding(fileNumber, n, "");
                long closing = 1;
                long separator = n == 0 ? 0 : 1;
                if (written + separator + finding.length() * 2L + 1 + closing > size) {
                    // the last finding takes the rest of the size as padding in its message
                    long padding = size - written - separator - closing - finding.length();
                    if (n > 0) {
                        out.write(',');
                    }
                    out.write(finding(fileNumber, n, "x".repeat((int) Math.max(0, padding))));
                    break;
                }
                if (n > 0) {
                    out.write(',');
                }
                out.write(finding);
                written += separator + finding.length();
                n++;
            }
            out.write(']');
        }
    }

    private static String finding(int file, int n, String padding) {
        boolean pass = (file + n) % 3 != 0;
        return "{\"class_uid\":6007,\"class_name\":\"Scan Activity\",\"category_uid\":6,\"activity_id\":0,"
                + "\"type_uid\":600700,\"severity_id\":1,\"time\":1764201600000,"
                + "\"status\":\"" + (pass ? "success" : "failure") + "\",\"status_id\":" + (pass ? 1 : 2) + ","
                + "\"metadata\":{\"product\":{\"name\":\"" + MARK + "\",\"vendor_name\":\"evidence-sync\"},"
                + "\"uid\":\"bench-" + file + "-" + n + "\",\"version\":\"1.3.0\"},"
                + "\"policy\":{\"uid\":\"bench_rule_" + (n % 50) + "\",\"name\":\"Synthetic rule " + (n % 50) + "\"},"
                + "\"compliance\":{\"control\":\"BENCH-" + (n % 20) + "\",\"standards\":[\"SYNTHETIC\"],"
                + "\"status\":\"" + (pass ? "Pass" : "Fail") + "\"},"
                + "\"unmapped\":{\"synthetic\":true},\"message\":\"synthetic benchmark finding" + padding + "\"}";
    }
}
