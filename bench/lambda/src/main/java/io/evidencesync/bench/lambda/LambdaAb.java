package io.evidencesync.bench.lambda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.evidencesync.sandbox.lambda.RicProcess;

/**
 * Two builds of the bridge, warm side by side: both run at once under the runtime interface client against the
 * same stand-ins, and their invocations alternate (which goes first alternates too), so that load from elsewhere on
 * the machine falls on both alike. For judging a change of a few milliseconds between two builds of one function,
 * which {@link LambdaBench} (the bridge beside its peers, a few timed runs) is not made for. Prints medians and the median paired difference.
 *
 * <pre>
 * bench/lambda-ab.sh before.jar after.jar [warm-ups] [timed] [cold starts, alternating, before the warm runs]
 * </pre>
 */
public final class LambdaAb {
    private static final String HANDLER = "io.evidencesync.bridge.S3EventHandler::handleRequest";

    private LambdaAb() {
    }

    public static void main(String[] args) throws Exception {
        List<LambdaBench.Function> builds = List.of(
                new LambdaBench.Function("A", Path.of(args[0]).toAbsolutePath(), HANDLER, LambdaBench.deployedEnvironment()),
                new LambdaBench.Function("B", Path.of(args[1]).toAbsolutePath(), HANDLER, LambdaBench.deployedEnvironment()));
        int warmUps = args.length > 2 ? Integer.parseInt(args[2]) : LambdaBench.WARM_UPS;
        int timed = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        Path work = Files.createTempDirectory("lambda-ab");
        BenchTls tls = "1".equals(System.getenv("TLS")) ? BenchTls.create(work.resolve("tls")) : null; // as lambda-bench.sh
        List<Path> ric = RicProcess.ricJars(System.getProperty("java.class.path"));
        int coldRuns = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        if (coldRuns > 0) {
            try (BenchSandbox sandbox = BenchSandbox.start(tls)) {
                List<List<Double>> colds = LambdaBench.coldStarts(builds, ric, sandbox, work, coldRuns);
                System.out.printf(Locale.ROOT, "cold starts, alternating, median of %d: A %.1f ms, B %.1f ms%n", coldRuns,
                        LambdaBench.median(colds.get(0)), LambdaBench.median(colds.get(1)));
            }
        }
        List<List<Double>> times;
        double[] cpu = new double[2];
        try (BenchSandbox sandbox = BenchSandbox.start(tls);
             LambdaBench.Running a = LambdaBench.Running.started(builds.get(0), ric, sandbox, work.resolve("A"), work);
             LambdaBench.Running b = LambdaBench.Running.started(builds.get(1), ric, sandbox, work.resolve("B"), work)) {
            List<LambdaBench.Running> running = List.of(a, b);
            LambdaBench.warmTimes(running, sandbox, work, warmUps); // untimed
            long[] cpuAtStart = {cpuMillis(a.process.pid()), cpuMillis(b.process.pid())};
            LambdaBench.Jit jit = LambdaBench.Jit.start();
            times = LambdaBench.warmTimes(running, sandbox, work, timed);
            System.out.println("during the timed runs the stand-ins' JIT compiled for " + jit.stop());
            if (sandbox.https()) {
                System.out.println("TLS connections accepted (S3, SSM, Hyperproof): " + sandbox.connectionsAccepted());
            }
            cpu[0] = (cpuMillis(a.process.pid()) - cpuAtStart[0]) / (double) timed;
            cpu[1] = (cpuMillis(b.process.pid()) - cpuAtStart[1]) / (double) timed;
        }
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < timed; i++) {
            differences.add(times.get(1).get(i) - times.get(0).get(i));
        }
        System.out.printf(Locale.ROOT, "A %s: median %.1f ms, function CPU %.1f ms per invocation%n"
                        + "B %s: median %.1f ms, function CPU %.1f ms per invocation%nB - A, median of %d pairs: %+.1f ms%n",
                args[0], LambdaBench.median(times.get(0)), cpu[0], args[1], LambdaBench.median(times.get(1)), cpu[1],
                timed, LambdaBench.median(differences));
    }

    /** User + system CPU time of a process, from /proc (Linux), in milliseconds. */
    private static long cpuMillis(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000 / 100; // USER_HZ is 100 on Linux
    }
}
