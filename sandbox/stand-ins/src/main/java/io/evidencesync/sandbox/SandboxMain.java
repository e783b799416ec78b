package io.evidencesync.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Runs the {@link Sandbox} as a standalone process: prints its endpoints as one JSON line on stdout, then stays up
 * until stdin closes (exit 0) or the process gets SIGTERM. Exit 2 for bad arguments, 1 if the sandbox cannot start.
 *
 * <pre>
 * java -cp ... io.evidencesync.sandbox.SandboxMain [--s3-port N] [--hyperproof-port N] [--ssm-port N]
 * </pre>
 */
public final class SandboxMain {
    private SandboxMain() {
    }

    public static void main(String[] args) {
        // must be set before the first JDK HttpServer is created; avoids ~40 ms delayed-ACK stalls per call
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** The process body with injected streams; returns the exit code. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        SandboxOptions options;
        try {
            options = SandboxOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(SandboxOptions.USAGE);
            return 2;
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(options);
        } catch (Exception e) {
            err.println("sandbox did not start: " + e);
            return 1;
        }
        Thread shutdownHook = new Thread(() -> closeQuietly(sandbox, err), "sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        out.println(sandbox.endpointsJson());
        out.flush();
        err.println("sandbox is up; close stdin or send SIGTERM to stop it");
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            err.println("stdin failed, stopping: " + e.getMessage());
        }
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        closeQuietly(sandbox, err);
        return 0;
    }

    private static void closeQuietly(Sandbox sandbox, PrintStream err) {
        try {
            sandbox.close();
        } catch (Exception e) {
            err.println("sandbox did not stop cleanly: " + e);
        }
    }
}
