package io.evidencesync.cli.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WorkflowCommandsTest {
    @Test
    void shouldEscapeMessagesAndPropertiesLikeTheToolkit() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("file", "a,b:c%d.json");
        properties.put("title", "line1\nline2");

        String command = WorkflowCommands.command("error", properties, "100% broken\r\n::add-mask::x");

        assertThat(command).isEqualTo("::error file=a%2Cb%3Ac%25d.json,title=line1%0Aline2::100%25 broken%0D%0A::add-mask::x");
        assertThat(command.lines()).hasSize(1);
    }

    @Test
    void shouldWriteACommandWithoutProperties() {
        assertThat(WorkflowCommands.command("group", Map.of(), "Publish")).isEqualTo("::group::Publish");
    }
}
