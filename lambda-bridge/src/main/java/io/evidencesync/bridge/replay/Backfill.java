package io.evidencesync.bridge.replay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import io.evidencesync.bridge.S3EventHandler;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.s3.S3ClientFactory;
import io.evidencesync.core.s3.S3Settings;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Backfill: S3 events for evidence objects that were written before the bridge existed (or while its notification
 * was off). Lists a prefix with ListObjectsV2, keeps the objects whose LastModified lies in [since, until), skips the
 * receipts prefix, reads each object's current version id with a HEAD (listings do not carry it, and the bridge's
 * receipts are per version: an event without the version id would not find the receipt of the normal sync), and
 * either writes one S3 event notification per line (to send with {@code aws sqs send-message} or
 * {@code aws lambda invoke}) or, with {@code --invoke}, hands each event to the bridge's own
 * {@link S3EventHandler} in this JVM: the same code path and the same receipts, so objects already synced are
 * reported as duplicates and never uploaded twice.
 *
 * <pre>
 * java -cp evidence-sync-bridge.jar io.evidencesync.bridge.replay.Backfill --bucket B --prefix evidence/ \
 *     --since 2026-01-01T00:00:00Z --until 2026-02-01T00:00:00Z [--out events.jsonl | --invoke]
 * </pre>
 * Exit status: 0 done, 1 an object failed (with {@code --invoke}) or S3 could not be read, 2 usage error.
 */
public final class Backfill {
    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -cp evidence-sync-bridge.jar io.evidencesync.bridge.replay.Backfill --bucket BUCKET",
            "           [--prefix PREFIX] [--since INSTANT] [--until INSTANT] [--receipts-prefix PREFIX]",
            "           [--region REGION] [--out FILE | --invoke]",
            "  --bucket           the evidence bucket",
            "  --prefix           only keys under this prefix (the publishers' prefix, e.g. evidence/); default: all",
            "  --since, --until   LastModified window [since, until), ISO-8601 instants such as 2026-01-01T00:00:00Z",
            "  --receipts-prefix  keys to skip (default: $RECEIPTS_PREFIX, else " + EvidenceContract.DEFAULT_RECEIPTS_PREFIX + ")",
            "  --region           the bucket's region (default: $AWS_REGION / $AWS_DEFAULT_REGION)",
            "  --out FILE         write one S3 event notification per line to FILE ('-' = stdout, the default)",
            "  --invoke           run each event through the bridge's S3EventHandler in this JVM; needs the function's",
            "                     environment (SSM_*_PATH, CONTROL_*, HYPERPROOF_*, ALLOWED_BUCKETS, RECEIPTS_PREFIX)",
            "                     and credentials allowed what the function is allowed");

    private Backfill() {
    }

    /** The command line. */
    record Options(String bucket, String prefix, Instant since, Instant until, String receiptsPrefix, String region,
                   String out, boolean invoke) {
    }

    /** What happened, for the summary line. */
    static final class Summary {
        long listed;
        long emitted;
        long outsideWindow;
        long receipts;
        long folders;
        long vanished;
        long failed;

        @Override
        public String toString() {
            return "listed " + listed + ", emitted " + emitted + ", failed " + failed + "; skipped: " + outsideWindow
                    + " outside the time window, " + receipts + " receipts, " + folders + " folder markers, " + vanished
                    + " deleted since listed";
        }
    }

    /** Where the events go. */
    interface Sink extends AutoCloseable {
        /** @return false when the event failed (only with {@code --invoke}) */
        boolean accept(S3EventMessage.ObjectVersion object, String event) throws IOException;

        @Override
        void close() throws IOException;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream stdout, PrintStream stderr) {
        Options options;
        try {
            options = parse(args, env);
        } catch (IllegalArgumentException e) {
            stderr.println("backfill: " + e.getMessage());
            stderr.println(USAGE);
            return 2;
        }
        if (options == null) {
            stdout.println(USAGE);
            return 0;
        }
        boolean pathStyle = env.get("AWS_ENDPOINT_URL_S3") != null || env.get("AWS_ENDPOINT_URL") != null;
        try (S3Client s3 = S3ClientFactory.create(new S3Settings(options.region(), null, pathStyle, null,
                S3Settings.DEFAULT_MAX_ATTEMPTS), UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)).build());
             Sink sink = options.invoke() ? HandlerSink.bridge(stderr) : fileSink(options.out(), stdout)) {
            Summary summary = backfill(s3, options, sink, stderr);
            stderr.println("backfill: " + summary);
            return summary.failed > 0 ? 1 : 0;
        } catch (EvidenceException | SdkException | IOException e) {
            stderr.println("backfill: " + e.getMessage());
            return 1;
        }
    }

    static Options parse(String[] args, Map<String, String> env) {
        String bucket = null;
        String prefix = "";
        Instant since = null;
        Instant until = null;
        String receipts = env.getOrDefault("RECEIPTS_PREFIX", EvidenceContract.DEFAULT_RECEIPTS_PREFIX);
        String region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        String out = "-";
        boolean invoke = false;
        boolean outGiven = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--invoke" -> invoke = true;
                case "--bucket" -> bucket = value(args, ++i, arg);
                case "--prefix" -> prefix = value(args, ++i, arg);
                case "--since" -> since = instant(value(args, ++i, arg), arg);
                case "--until" -> until = instant(value(args, ++i, arg), arg);
                case "--receipts-prefix" -> receipts = value(args, ++i, arg);
                case "--region" -> region = value(args, ++i, arg);
                case "--out" -> {
                    out = value(args, ++i, arg);
                    outGiven = true;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("--bucket is required");
        }
        if (invoke && outGiven) {
            throw new IllegalArgumentException("--out and --invoke exclude each other");
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("--since must be before --until");
        }
        String normalisedReceipts;
        try {
            normalisedReceipts = EvidenceContract.normalizePrefix(receipts);
        } catch (EvidenceException e) {
            throw new IllegalArgumentException("--receipts-prefix: " + e.getMessage(), e);
        }
        if (normalisedReceipts.isEmpty()) {
            throw new IllegalArgumentException("the receipts prefix must not be empty");
        }
        if (prefix.startsWith(normalisedReceipts)) {
            throw new IllegalArgumentException("--prefix '" + prefix + "' lies under the receipts prefix '"
                    + normalisedReceipts + "': receipts are never replayed");
        }
        return new Options(bucket.strip(), prefix, since, until, normalisedReceipts, region, out, invoke);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static Instant instant(String text, String option) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not an ISO-8601 instant such as"
                    + " 2026-01-01T00:00:00Z", e);
        }
    }

    static Summary backfill(S3Client s3, Options options, Sink sink, PrintStream log) throws IOException {
        String region = options.region() != null ? options.region()
                : s3.serviceClientConfiguration().region().id();
        Summary summary = new Summary();
        for (S3Object listed : s3.listObjectsV2Paginator(b -> b.bucket(options.bucket()).prefix(options.prefix()))
                .contents()) {
            summary.listed++;
            String key = listed.key();
            if (EvidenceContract.isReceiptKey(options.receiptsPrefix(), key)) {
                summary.receipts++;
                continue;
            }
            if (key.endsWith("/")) {
                summary.folders++;
                continue;
            }
            if (!inWindow(listed.lastModified(), options)) {
                summary.outsideWindow++;
                continue;
            }
            HeadObjectResponse head;
            try {
                head = s3.headObject(b -> b.bucket(options.bucket()).key(key));
            } catch (NoSuchKeyException e) {
                summary.vanished++;
                continue;
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    summary.vanished++;
                    continue;
                }
                throw e;
            }
            S3EventMessage.ObjectVersion object = new S3EventMessage.ObjectVersion(options.bucket(), key,
                    head.versionId(), head.contentLength() == null ? listed.size() : head.contentLength(),
                    head.eTag() != null ? head.eTag() : listed.eTag(),
                    head.lastModified() != null ? head.lastModified() : listed.lastModified());
            if (sink.accept(object, S3EventMessage.render(region, object))) {
                summary.emitted++;
            } else {
                summary.failed++;
            }
        }
        return summary;
    }

    private static boolean inWindow(Instant lastModified, Options options) {
        return (options.since() == null || !lastModified.isBefore(options.since()))
                && (options.until() == null || lastModified.isBefore(options.until()));
    }

    private static Sink fileSink(String out, PrintStream stdout) throws IOException {
        OutputStream stream = "-".equals(out) ? stdout : Files.newOutputStream(Path.of(out));
        PrintStream print = new PrintStream(stream, false, StandardCharsets.UTF_8);
        return new Sink() {
            @Override
            public boolean accept(S3EventMessage.ObjectVersion object, String event) {
                print.println(event);
                return true;
            }

            @Override
            public void close() {
                print.flush();
                if (stream != stdout) {
                    print.close();
                }
            }
        };
    }

    /** Each event through the bridge's direct handler, as Lambda would call it (no context: no deadline). */
    static final class HandlerSink implements Sink {
        /** The handler's stream signature, without the Lambda types (only the handlers may see those). */
        interface Handler {
            void handle(java.io.InputStream event, OutputStream response) throws IOException;
        }

        private final Handler handler;
        private final PrintStream log;

        HandlerSink(Handler handler, PrintStream log) {
            this.handler = handler;
            this.log = log;
        }

        /** The production bridge, configured from this process's environment exactly like the function. */
        static HandlerSink bridge(PrintStream log) {
            S3EventHandler handler = new S3EventHandler();
            return new HandlerSink((event, response) -> handler.handleRequest(event, response, null), log);
        }

        @Override
        public boolean accept(S3EventMessage.ObjectVersion object, String event) {
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            try {
                handler.handle(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), response);
                return true;
            } catch (IOException | RuntimeException e) {
                log.println("backfill: s3://" + object.bucket() + "/" + object.key() + " failed: " + e.getMessage());
                return false;
            }
        }

        @Override
        public void close() {
            // the handler holds no resources that outlive the JVM
        }
    }
}
