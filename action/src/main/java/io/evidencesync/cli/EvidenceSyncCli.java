package io.evidencesync.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import io.evidencesync.cli.publish.PlainReporter;
import io.evidencesync.cli.publish.PublishCommand;
import io.evidencesync.cli.trace.TraceCommand;
import io.evidencesync.core.EvidenceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code evidence-sync} command line: picocli parses, each subcommand does one job. Exit codes: {@link #OK},
 * {@link #FAILED} (publishing or validation failed), {@link #USAGE} (wrong options or inputs).
 *
 * <pre>
 * int exit = new EvidenceSyncCli(env, System.out, System.err, workingDirectory).run("publish", "--bucket", "acme");
 * </pre>
 *
 * Subcommands get the {@link CliContext} through a public constructor taking it; to add one, list its class in
 * {@code subcommands} below.
 */
@Command(name = "evidence-sync", mixinStandardHelpOptions = true, versionProvider = EvidenceSyncCli.Version.class,
        subcommands = {PublishCommand.class, TraceCommand.class, CommandLine.HelpCommand.class},
        description = {"Publishes ComplyBeacon compliance evidence from a CI build to S3, linked to the build (publish),",
                "and traces any proof, object or build through the whole chain, verified (trace)."})
public final class EvidenceSyncCli implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    public EvidenceSyncCli(Map<String, String> env, PrintStream out, PrintStream err, Path workingDirectory) {
        this.context = new CliContext(env, out, err, workingDirectory);
    }

    /** Runs the command line and returns the exit code; never exits the process. */
    public int run(String... args) {
        CommandLine commandLine = new CommandLine(this, new ContextFactory(context));
        commandLine.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
        commandLine.setParameterExceptionHandler(EvidenceSyncCli::usageError);
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            if (e instanceof UsageException) {
                return usage(failed, e.getMessage());
            }
            failed.getErr().println("error: " + (e instanceof EvidenceException ? "" : e.getClass().getSimpleName() + ": ")
                    + PlainReporter.inertLines(e.getMessage()));
            return FAILED;
        });
        int exit = commandLine.execute(args);
        context.out().flush();
        context.err().flush();
        return exit;
    }

    /** Without a subcommand: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    private static int usageError(ParameterException e, String[] args) {
        return usage(e.getCommandLine(), e.getMessage());
    }

    private static int usage(CommandLine commandLine, String message) {
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + message);
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
        return USAGE;
    }

    /** The jar's version, from its manifest ("dev" when run from classes). */
    public static String version() {
        String version = EvidenceSyncCli.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** Reports {@link #version()}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"evidence-sync " + version()};
        }
    }

    /** Creates subcommands with the context when they take one. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
                return constructor.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
