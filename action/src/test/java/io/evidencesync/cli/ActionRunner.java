package io.evidencesync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * Runs a composite action's steps the way the runner does: each {@code run:} script written to a file and run with
 * {@code bash --noprofile --norc -eo pipefail}, the step's {@code env:} exported after evaluating its expressions
 * (inputs with their defaults, earlier steps' outputs, {@code job.check_run_id}), a fresh GITHUB_OUTPUT per step and
 * GITHUB_ACTION_PATH set. Any other expression fails the test: the action must stay that simple.
 */
final class ActionRunner {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]*?)\\s*\\}\\}");

    private final Path actionDirectory;
    private final Path runnerTemp;
    private final Map<String, Object> action;

    ActionRunner(Path actionDirectory, Path runnerTemp) throws IOException {
        this.actionDirectory = actionDirectory;
        this.runnerTemp = runnerTemp;
        try (InputStream in = Files.newInputStream(actionDirectory.resolve("action.yml"))) {
            this.action = new Yaml().load(in);
        }
    }

    /**
     * @param inputs    the {@code with:} values
     * @param jobEnv    the environment every step of the job sees
     * @param checkRunId the value of {@code job.check_run_id}
     */
    @SuppressWarnings("unchecked")
    Result run(Map<String, String> inputs, Map<String, String> jobEnv, String checkRunId, Path workspace)
            throws IOException, InterruptedException {
        Map<String, String> context = new HashMap<>();
        context.put("job.check_run_id", checkRunId);
        Map<String, Map<String, Object>> declared = (Map<String, Map<String, Object>>) action.get("inputs");
        declared.forEach((name, input) -> {
            String value = inputs.containsKey(name) ? inputs.get(name)
                    : input.get("default") == null ? "" : evaluate(String.valueOf(input.get("default")), context);
            context.put("inputs." + name, value);
        });
        StringBuilder log = new StringBuilder();
        List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps");
        int index = 0;
        for (Map<String, Object> step : steps) {
            String id = String.valueOf(step.getOrDefault("id", "step" + index));
            Path script = runnerTemp.resolve("step-" + index + ".sh");
            Path output = runnerTemp.resolve("output-" + index + ".txt");
            Files.writeString(script, (String) step.get("run"), StandardCharsets.UTF_8);
            Files.writeString(output, "");
            Map<String, String> env = new LinkedHashMap<>(jobEnv);
            env.put("GITHUB_ACTION_PATH", actionDirectory.toString());
            env.put("GITHUB_OUTPUT", output.toString());
            Map<String, String> stepEnv = (Map<String, String>) step.getOrDefault("env", Map.of());
            stepEnv.forEach((name, value) -> env.put(name, evaluate(String.valueOf(value), context)));
            ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
                    .directory(workspace.toFile()).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("step " + id + " timed out");
            }
            log.append(text);
            if (process.exitValue() != 0) {
                return new Result(id, process.exitValue(), log.toString(), Map.of());
            }
            Sandbox.outputs(output).forEach((name, value) -> context.put("steps." + id + ".outputs." + name, value));
            index++;
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) action.get("outputs")).forEach((name, output) ->
                outputs.put(name, evaluate(String.valueOf(output.get("value")), context)));
        return new Result(null, 0, log.toString(), outputs);
    }

    private static String evaluate(String text, Map<String, String> context) {
        Matcher matcher = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!context.containsKey(name)) {
                if (name.startsWith("steps.")) {
                    matcher.appendReplacement(out, "");
                    continue;
                }
                throw new IllegalArgumentException("action.yml uses an expression this harness does not know: " + name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(context.get(name)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * @param failedStep the id of the step that failed, or null
     * @param exit       its exit code, or 0
     * @param log        everything the steps printed
     * @param outputs    the action's outputs
     */
    record Result(String failedStep, int exit, String log, Map<String, String> outputs) {
    }
}
