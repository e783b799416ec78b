package io.evidencesync.cli.github;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * GitHub workflow commands ({@code ::name key=value::message}) with the escaping the runner expects (the rules of
 * actions/toolkit's {@code command.ts}): in the message {@code %}, CR and LF; in property values also {@code :} and
 * {@code ,}.
 */
public final class WorkflowCommands {
    private WorkflowCommands() {
    }

    public static String command(String name, Map<String, String> properties, String message) {
        StringBuilder line = new StringBuilder("::").append(name);
        if (!properties.isEmpty()) {
            line.append(' ').append(properties.entrySet().stream()
                    .filter(entry -> entry.getValue() != null && !entry.getValue().isEmpty())
                    .map(entry -> entry.getKey() + "=" + escapeProperty(entry.getValue()))
                    .collect(Collectors.joining(",")));
        }
        return line.append("::").append(escapeData(message)).toString();
    }

    public static String escapeData(String value) {
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    public static String escapeProperty(String value) {
        return escapeData(value).replace(":", "%3A").replace(",", "%2C");
    }
}
