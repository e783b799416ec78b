package io.evidencesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.evidencesync.cli.github.GitHubReporter;
import io.evidencesync.cli.publish.ActionEnvironment;
import io.evidencesync.cli.publish.PublishCommand;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * action.yml and the CLI agree, both ways: every input is passed as the variable the CLI reads and every variable
 * the CLI reads is an input; every output the CLI writes is mapped; no input is spliced into a script.
 */
class ActionMetadataTest {
    private static final Path ACTION_YML = Path.of(System.getProperty("evidence.repository.root", ".."), "action", "action.yml");

    private static Map<String, Object> action;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = Files.newInputStream(ACTION_YML)) {
            action = new Yaml().load(in);
        }
    }

    @Test
    void shouldBeACompositeActionWhoseStepsAllUseBash() {
        assertThat(runs()).containsEntry("using", "composite");
        assertThat(steps()).isNotEmpty().allSatisfy(step -> assertThat(step).containsEntry("shell", "bash"));
    }

    @Test
    void shouldDescribeEveryInputAndDefaultEveryOptionalOne() {
        inputs().forEach((name, input) -> {
            assertThat(input).as(name).containsKey("description");
            assertThat(input.get("required") == Boolean.TRUE || input.containsKey("default")).as(name + " default").isTrue();
        });
        assertThat(inputs().get("bucket")).containsEntry("required", true);
        assertThat(inputs().get("job-id")).containsEntry("default", "${{ job.check_run_id }}");
    }

    @Test
    void shouldPassEveryInputAsTheVariableTheCliReadsAndNothingElse() {
        Map<String, String> passed = publishStepEnvironment().entrySet().stream()
                .filter(entry -> entry.getValue().contains("inputs."))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        Map<String, String> expected = new LinkedHashMap<>();
        ActionEnvironment.OPTIONS.forEach(option -> expected.put(ActionEnvironment.variable(option),
                "${{ inputs." + ActionEnvironment.inputName(option) + " }}"));

        assertThat(passed).isEqualTo(expected);
        assertThat(inputs().keySet()).containsExactlyElementsOf(
                ActionEnvironment.OPTIONS.stream().map(ActionEnvironment::inputName).toList());
    }

    @Test
    void shouldReadEveryActionVariableThroughARealOption() {
        CommandSpec publish = new CommandLine(new PublishCommand(new CliContext(Map.of(), System.out, System.err,
                Path.of(".")))).getCommandSpec();
        for (String option : ActionEnvironment.OPTIONS) {
            assertThat(publish.findOption(option)).as(option).isNotNull();
            String description = String.join(" ", publish.findOption(option).description());
            assertThat(description).as(option + " help names its variable").contains(ActionEnvironment.variable(option));
        }
    }

    @Test
    void shouldMapExactlyTheOutputsTheCliWrites() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> outputs = (Map<String, Map<String, Object>>) action.get("outputs");
        assertThat(outputs.keySet()).containsExactlyElementsOf(GitHubReporter.OUTPUTS);
        outputs.forEach((name, output) -> {
            assertThat(output).containsKey("description");
            assertThat(output).containsEntry("value", "${{ steps.publish.outputs." + name + " }}");
        });
    }

    @Test
    void shouldNeverSpliceAnExpressionIntoAScript() {
        assertThat(steps()).allSatisfy(step -> assertThat((String) step.get("run")).doesNotContain("${{"));
    }

    /**
     * The release pin lives only in a tag's own commit (action/prepare-release.sh): on a branch, dist/ holding a pin
     * would make {@code @main} and {@code uses: ./action} quietly run the last release instead of their own code.
     */
    @Test
    void shouldKeepTheReleasePinOffBranchesSoThatTheyBuildTheirOwnCode() throws IOException {
        try (var files = Files.list(ACTION_YML.resolveSibling("dist"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("README.md");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> inputs() {
        return (Map<String, Map<String, Object>>) action.get("inputs");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> runs() {
        return (Map<String, Object>) action.get("runs");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps() {
        return (List<Map<String, Object>>) runs().get("steps");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> publishStepEnvironment() {
        return steps().stream().filter(step -> "publish".equals(step.get("id"))).findFirst()
                .map(step -> (Map<String, String>) step.get("env")).orElseThrow();
    }
}
