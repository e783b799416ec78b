package io.evidencesync.sandbox.lambda;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a packaged function the way the managed Java runtime does: a fresh JVM executing AWS's runtime interface
 * client ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}) with the handler as its argument,
 * polling a {@link LambdaRuntimeApi}. The task root (working directory) is an empty temporary directory, and only
 * the environment given here (plus {@code PATH}) reaches the function.
 *
 * <pre>
 * try (LambdaRuntimeApi api = LambdaRuntimeApi.start();
 *      RicProcess function = RicProcess.start(List.of(jar, ricJar, serializationJar, coreJar),
 *              "io.evidencesync.bridge.S3EventHandler::handleRequest", env, api, log)) {
 *     api.invoke(eventJson, Duration.ofSeconds(30));
 * }
 * </pre>
 */
public final class RicProcess implements AutoCloseable {
    public static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private final Process process;
    private final long startedNanos;

    private RicProcess(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /**
     * @param classpath the function jar first, then the RIC and its dependencies (absolute paths)
     * @param handler   {@code class::method}
     * @param env       the function's environment (AWS_REGION, credentials, configuration)
     * @param api       the runtime API the RIC polls
     * @param log       where the function's stdout and stderr go (appended)
     * @param jvmFlags  extra JVM flags, e.g. {@code -XX:TieredStopAtLevel=1} as the managed runtime uses
     */
    public static RicProcess start(List<Path> classpath, String handler, Map<String, String> env, LambdaRuntimeApi api,
                                   Path log, List<String> jvmFlags) throws IOException {
        Path taskRoot = Files.createTempDirectory("lambda-task-root");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(classpath.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator)));
        command.add(RIC_MAIN);
        command.add(handler);
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        environment.clear();
        if (path != null) {
            environment.put("PATH", path);
        }
        environment.put("AWS_LAMBDA_RUNTIME_API", api.address());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "evidence-sync-bridge");
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        environment.put("_HANDLER", handler);
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.putAll(env);
        long started = System.nanoTime();
        return new RicProcess(builder.start(), started);
    }

    /**
     * The runtime interface client's own jars, picked from a class path (e.g. {@code java.class.path} of a test or
     * bench JVM that has the RIC as a dependency): the RIC, its serialization and utils-lite modules, and
     * aws-lambda-java-core.
     */
    public static List<Path> ricJars(String classPath) {
        List<Path> jars = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("aws-lambda-java-runtime-interface-client") || name.startsWith("aws-lambda-java-serialization")
                    || name.startsWith("aws-lambda-java-core") || name.startsWith("utils-lite")) {
                jars.add(Path.of(entry));
            }
        }
        return jars;
    }

    /** {@link System#nanoTime()} when the process was started. */
    public long startedNanos() {
        return startedNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
