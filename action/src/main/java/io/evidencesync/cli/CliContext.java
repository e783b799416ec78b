package io.evidencesync.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a command may take from the process: its environment, its streams and its working directory. Commands
 * never call {@code System.getenv} or {@code System.exit}, so tests drive them with a made-up environment.
 *
 * @param env              the environment variables
 * @param out              standard output (progress, GitHub workflow commands)
 * @param err              standard error (failures)
 * @param workingDirectory the directory relative paths are resolved against
 */
public record CliContext(Map<String, String> env, PrintStream out, PrintStream err, Path workingDirectory) {
    public CliContext {
        env = Map.copyOf(new TreeMap<>(env));
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /** The variable's value, or null when it is unset or blank. */
    public String get(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** True when the variable is set to {@code true} (case-insensitive), the way CI systems set their flags. */
    public boolean isTrue(String name) {
        return "true".equalsIgnoreCase(get(name));
    }

    /** The working directory and how many variables there are: the environment holds AWS keys and tokens. */
    @Override
    public String toString() {
        return "CliContext[" + workingDirectory + ", " + env.size() + " environment variables]";
    }
}
