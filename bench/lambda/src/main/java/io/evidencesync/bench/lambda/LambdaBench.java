package io.evidencesync.bench.lambda;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.evidencesync.sandbox.lambda.LambdaRuntimeApi;
import io.evidencesync.sandbox.lambda.RicProcess;

/**
 * The function benchmark (issue: the bridge Lambda): the packaged bridge and a plain handler doing the same S3 +
 * SSM + HTTP calls naively, side by side in one run, each in a fresh JVM under AWS's runtime interface client as
 * the managed java21 runtime starts it (C1 only, serial GC), against the same local stand-ins.
 *
 * <pre>
 * java -cp $(cat bench/lambda/target/classpath.txt):bench/lambda/target/classes io.evidencesync.bench.lambda.LambdaBench \
 *     lambda-bridge/target/evidence-sync-bridge.jar bench/lambda-peer/target/plain-handler.jar [cold runs] [warm runs]
 * </pre>
 */
public final class LambdaBench {
    /**
     * Untimed invocations of each function before the warm ones are timed. The functions' own paths are compiled
     * after a few dozen (C1 only), but the stand-ins' are not: S3Proxy and the emulators run in this JVM, whose C2
     * keeps compiling their paths on the same two cores for hundreds of requests (with 60 warm-ups, the median of
     * both functions was 8-10 ms higher). Real S3 and Hyperproof compile nothing on the function's cores.
     */
    static final int WARM_UPS = Integer.getInteger("bench.warmUps", 500);
    private static final List<String> RUNTIME_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx768m", "-Xmn32m", "-Dsun.net.httpserver.nodelay=true");
    static final int SMALL = 100 * 1024;
    /** Just under Hyperproof's 100 MiB limit, which the bridge enforces (an object of 100 MiB is refused). */
    private static final int LARGE = 100 * 1024 * 1024 - 64 * 1024;

    private LambdaBench() {
    }

    public static void main(String[] args) throws Exception {
        Path bridgeJar = Path.of(args[0]).toAbsolutePath();
        Path peerJar = Path.of(args[1]).toAbsolutePath();
        int coldRuns = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int warmRuns = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        Path work = Files.createTempDirectory("lambda-bench");
        List<Path> ric = RicProcess.ricJars(System.getProperty("java.class.path"));
        List<Function> functions = List.of(
                new Function("bridge", bridgeJar, "io.evidencesync.bridge.S3EventHandler::handleRequest",
                        deployedEnvironment()),
                new Function("plain handler", peerJar, "io.evidencesync.bench.lambda.PlainHandler::handleRequest", Map.of()),
                new Function("empty handler", peerJar, "io.evidencesync.bench.lambda.EmptyHandler::handleRequest", Map.of()));
        Measured measured;
        // TLS=1: every stand-in reached over HTTPS, as production reaches S3, SSM and Hyperproof
        boolean https = "1".equals(System.getenv("TLS"));
        try (BenchSandbox sandbox = BenchSandbox.start(https ? BenchTls.create(work.resolve("tls")) : null)) {
            measured = measure(functions, ric, sandbox, work, coldRuns, warmRuns);
        }
        String table = table(measured, coldRuns, warmRuns, https);
        System.out.println(table);
        Path out = Path.of("bench", "results", "lambda-" + LocalDate.now() + (https ? "-https" : "") + ".md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, table);
            System.out.println("written to " + out);
        }
    }

    /**
     * Every function is measured in the same stretch of time, its runs alternating with the others' (which goes
     * first rotates), so that neither the stand-ins' own warm-up (S3Proxy and the emulators run in this JVM, whose
     * JIT keeps compiling for a while) nor other load on the machine favours the function measured later.
     */
    private static Measured measure(List<Function> functions, List<Path> ric, BenchSandbox sandbox, Path work,
                                        int coldRuns, int warmRuns) throws Exception {
        int n = functions.size();
        List<List<Double>> cold = coldStarts(functions, ric, sandbox, work, coldRuns);
        List<Running> processes = new ArrayList<>();
        try {
            for (Function function : functions) {
                processes.add(Running.started(function, ric, sandbox, work.resolve(function.slug() + "-warm"), work));
            }
            warmTimes(processes, sandbox, work, WARM_UPS); // untimed
            Jit jit = Jit.start();
            List<List<Double>> warm = warmTimes(processes, sandbox, work, warmRuns);
            String standIns = WARM_UPS + " warm-ups of each function (during the timed runs, the stand-ins' JIT compiled for "
                    + jit.stop() + ")";
            List<Result> results = new ArrayList<>();
            for (int f = 0; f < n; f++) {
                Running running = processes.get(f);
                String large = sandbox.publishEvidence(LARGE, work);
                GcLog gc = new GcLog(running.gcLog);
                long mark = gc.mark();
                running.requireSuccess(running.api.invoke(large, Duration.ofSeconds(300)));
                long heapGrowth = Math.max(0, gc.maxLiveAfter(mark) - Math.max(0, gc.lastLiveBefore(mark)));
                results.add(new Result(functions.get(f).name, median(cold.get(f)), median(warm.get(f)), heapGrowth,
                        Files.size(functions.get(f).jar)));
            }
            return new Measured(results, standIns);
        } finally {
            for (Running running : processes) {
                running.close();
            }
        }
    }

    /**
     * Cold starts, {@code runs} of each function, alternating (the first to go rotating): each a fresh process,
     * timed from its start to its answer to one small object.
     */
    static List<List<Double>> coldStarts(List<Function> functions, List<Path> ric, BenchSandbox sandbox, Path work,
                                         int runs) throws Exception {
        int n = functions.size();
        List<List<Double>> cold = emptyLists(n);
        for (int i = 0; i < runs; i++) {
            for (int k = 0; k < n; k++) {
                int f = (i + k) % n;
                Function function = functions.get(f);
                String event = sandbox.publishEvidence(SMALL, work);
                try (Running running = Running.start(function, ric, sandbox, work.resolve(function.slug() + "-cold-" + i))) {
                    LambdaRuntimeApi.Invocation invocation = running.api.invoke(event, Duration.ofSeconds(120));
                    cold.get(f).add((System.nanoTime() - running.process.startedNanos()) / 1e6);
                    running.requireSuccess(invocation);
                }
            }
        }
        return cold;
    }

    /** This JVM's JIT compilation time over a stretch of wall time. */
    record Jit(long compileMillisAtStart, long startNanos) {
        static Jit start() {
            return new Jit(ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), System.nanoTime());
        }

        String stop() {
            long wallMillis = (System.nanoTime() - startNanos) / 1_000_000;
            long compiled = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compileMillisAtStart;
            return compiled + " ms in " + wallMillis + " ms of wall time";
        }
    }

    /** {@code runs} invocations of each running function with a new small object, alternating, each timed. */
    static List<List<Double>> warmTimes(List<Running> processes, BenchSandbox sandbox, Path work, int runs)
            throws Exception {
        int n = processes.size();
        List<List<Double>> warm = emptyLists(n);
        for (int i = 0; i < runs; i++) {
            for (int k = 0; k < n; k++) {
                int f = (i + k) % n;
                String event = sandbox.publishEvidence(SMALL, work);
                long start = System.nanoTime();
                processes.get(f).requireSuccess(processes.get(f).api.invoke(event, Duration.ofSeconds(60)));
                warm.get(f).add((System.nanoTime() - start) / 1e6);
            }
        }
        return warm;
    }

    private static List<List<Double>> emptyLists(int n) {
        List<List<Double>> lists = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }

    private static String table(Measured measured, int coldRuns, int warmRuns, boolean https) throws java.io.IOException {
        List<Result> results = measured.results();
        String bridgeOptions = deployedEnvironment().get("JAVA_TOOL_OPTIONS");
        Result bridge = results.get(0);
        Result peer = results.get(1);
        Result empty = results.get(2);
        StringBuilder out = new StringBuilder();
        out.append("# Bridge function vs plain handler, ").append(LocalDate.now()).append("\n\n")
                .append("Both under the Lambda runtime interface client 2.10.1 (").append(String.join(" ", RUNTIME_FLAGS))
                .append("; the bridge also with its template's JAVA_TOOL_OPTIONS: ").append(bridgeOptions)
                .append("), Java ").append(System.getProperty("java.version")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, against S3Proxy + the Hyperproof and SSM emulators")
                .append(https ? ", each reached over HTTPS (TLS fronts on loopback; the functions trust a copy of the JDK's cacerts plus the"
                        + " stand-ins' certificate, so the whole trust store is read as in production). " : " over plain HTTP. ")
                .append("Cold: process start to first response, median of ").append(coldRuns).append(". Warm: one 100 KB object, median of ")
                .append(warmRuns).append(" after ").append(measured.standIns()).append(". The functions'")
                .append(" cold runs alternate, and so do their warm invocations (three processes up at once, the first to go rotating). Heap: largest after-GC live heap while processing a ")
                .append(LARGE / (1024 * 1024)).append(" MiB object, minus the baseline. The empty handler (reads the event, answers {}, no AWS or HTTP call)")
                .append(" is the floor: what the JVM, the runtime interface client and the runtime API stand-in cost here.\n\n")
                .append("| measure | bridge | plain handler | bridge / plain | empty handler | target |\n|---|---|---|---|---|---|\n");
        row(out, "cold start (ms)", bridge.coldMs, peer.coldMs, fmt(empty.coldMs), "< 1000 ms");
        row(out, "warm, 100 KB object (ms)", bridge.warmMs, peer.warmMs, fmt(empty.warmMs), "< 30 ms");
        row(out, "peak heap growth, large object (MiB)", bridge.heapGrowthMib, peer.heapGrowthMib, "-", "< 64 MiB");
        row(out, "artifact (MiB)", bridge.jarBytes / 1048576.0, peer.jarBytes / 1048576.0, "-", "< 12 MiB");
        return out.toString();
    }

    private static void row(StringBuilder out, String name, double bridge, double peer, String empty, String target) {
        out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %s | %s |%n", name, bridge, peer,
                peer == 0 ? Double.NaN : bridge / peer, empty, target));
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * The JVM options {@code lambda-bridge/template.yaml} deploys the bridge with ({@code JAVA_TOOL_OPTIONS}), read
     * from the template so that the bench runs the function as it is deployed. The plain handler gets none: the
     * runtime's defaults, as a naive deployment has.
     */
    static Map<String, String> deployedEnvironment() throws java.io.IOException {
        Path template = Path.of("lambda-bridge/template.yaml");
        java.util.regex.Matcher options = java.util.regex.Pattern.compile("(?m)^\\s+JAVA_TOOL_OPTIONS:\\s*\"([^\"]*)\"\\s*$")
                .matcher(Files.readString(template));
        if (!options.find()) {
            throw new IllegalStateException(template + " sets no JAVA_TOOL_OPTIONS for the function");
        }
        return Map.of("JAVA_TOOL_OPTIONS", options.group(1));
    }

    /** @param env added to the stand-ins' environment for this function's process */
    record Function(String name, Path jar, String handler, Map<String, String> env) {
        String slug() {
            return name.replace(' ', '-');
        }
    }

    private record Measured(List<Result> results, String standIns) {
    }

    private record Result(String name, double coldMs, double warmMs, double heapGrowthMib, long jarBytes) {
    }

    /** One function process and its runtime API. */
    static final class Running implements AutoCloseable {
        final LambdaRuntimeApi api;
        final RicProcess process;
        final Path gcLog;
        final Path log;

        private Running(LambdaRuntimeApi api, RicProcess process, Path gcLog, Path log) {
            this.api = api;
            this.process = process;
            this.gcLog = gcLog;
            this.log = log;
        }

        static Running start(Function function, List<Path> ric, BenchSandbox sandbox, Path dir) throws Exception {
            Files.createDirectories(dir);
            LambdaRuntimeApi api = LambdaRuntimeApi.start();
            Path gcLog = dir.resolve("gc.log");
            Path log = dir.resolve("function.log");
            List<String> flags = new ArrayList<>(RUNTIME_FLAGS);
            flags.add("-Xlog:gc:file=" + gcLog);
            flags.addAll(sandbox.functionJvmFlags());
            String extra = System.getProperty("bench.jvmFlags." + function.slug(), "");
            if (!extra.isBlank()) {
                flags.addAll(List.of(extra.strip().split("\\|"))); // separated by |, for profiling or tuning one function
            }
            List<Path> classpath = new ArrayList<>();
            classpath.add(function.jar);
            classpath.addAll(ric);
            Map<String, String> env = new java.util.LinkedHashMap<>(sandbox.functionEnvironment());
            env.putAll(function.env());
            RicProcess process = RicProcess.start(classpath, function.handler, env, api, log, flags);
            return new Running(api, process, gcLog, log);
        }

        /**
         * Starts the function and waits for its first answer (to a small object) before returning: the runtime
         * interface client unpacks its native library to one shared path in every process, and two processes
         * unpacking it at once crash one of them (SIGBUS).
         */
        static Running started(Function function, List<Path> ric, BenchSandbox sandbox, Path dir, Path work)
                throws Exception {
            Running running = start(function, ric, sandbox, dir);
            running.requireSuccess(running.api.invoke(sandbox.publishEvidence(SMALL, work), Duration.ofSeconds(120)));
            return running;
        }

        void requireSuccess(LambdaRuntimeApi.Invocation invocation) throws java.io.IOException {
            if (!invocation.success()) {
                throw new IllegalStateException("the function failed: " + invocation.body() + "\n" + Files.readString(log));
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.close();
            api.close();
        }
    }
}
