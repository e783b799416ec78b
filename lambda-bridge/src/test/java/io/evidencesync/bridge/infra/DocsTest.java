package io.evidencesync.bridge.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The operator docs name what the template and the code really have. */
class DocsTest {
    static final Path DOCS = Path.of("..", "docs");

    static String doc(String name) throws IOException {
        return Files.readString(DOCS.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void shouldDescribeEveryTemplateParameterAndEveryVariableTheBridgeReads() throws Exception {
        String configuration = doc("configuration.md");
        for (String parameter : CfnTemplate.load(TemplateTest.TEMPLATE).section("Parameters").keySet()) {
            assertThat(configuration).as("docs/configuration.md names parameter %s", parameter).contains("`" + parameter + "`");
        }
        for (String variable : TemplateTest.configVariables()) {
            assertThat(configuration).as("docs/configuration.md names variable %s", variable).contains("`" + variable + "`");
        }
        for (String output : CfnTemplate.load(TemplateTest.TEMPLATE).section("Outputs").keySet()) {
            assertThat(configuration).as("docs/configuration.md names output %s", output).contains("`" + output + "`");
        }
    }

    /** The log "message" values troubleshooting.md is keyed by are string constants in the bridge's classes. */
    @Test
    void shouldKeyTroubleshootingByMessagesTheBridgeWrites() throws Exception {
        String troubleshooting = doc("troubleshooting.md");
        List<String> messages = List.of("event rejected", "s3:TestEvent ignored", "invalid configuration");
        String constants = classConstants("Bridge") + classConstants("HandlerSupport") + classConstants("JsonLog");
        for (String message : messages) {
            assertThat(constants).as("the bridge writes \"%s\"", message).contains(message);
            assertThat(troubleshooting).contains("## `" + message + "`");
        }
        // per-object lines: "object " + the outcome, one section per outcome
        assertThat(classConstants("JsonLog")).contains("object ");
        for (Object status : Class.forName("io.evidencesync.bridge.Outcome$Status").getEnumConstants()) {
            assertThat(troubleshooting).contains("## `object " + status.toString().toLowerCase(java.util.Locale.ROOT) + "`");
        }
    }

    @Test
    void shouldQuoteSkipAndFailureReasonsThatExistInTheCode() throws IOException {
        String code = classConstants("ObjectSync") + classConstants("Bridge") + classConstants("SsmParameterStore")
                + classConstants("RoutePlanner") + classConstants("ObjectSpooler") + classConstants("ControlResolver");
        for (String reason : List.of("is not in ", "the key is under the receipts prefix", "a folder marker, not evidence",
                "already synced (receipt ", "SHA-256 mismatch: the metadata says ", "another invocation (request ",
                "is syncing this object; failing this delivery so it is retried later",
                "another invocation claimed this object at the same moment; it will be",
                "the claim on this object was taken over while it was being uploaded", "SSM parameter(s) not found: ",
                "SSM GetParameters failed: ", "the object is empty", "malformed evidence: ", "malformed manifest: ",
                "Hyperproof has no control with controlIdentifier '", "poison: ", "unexpected ", "not started: less than ")) {
            assertThat(code).as("the code has \"%s\"", reason).contains(reason);
        }
        String troubleshooting = doc("troubleshooting.md");
        assertThat(troubleshooting).contains("the key is under the receipts prefix", "a folder marker, not evidence",
                "SHA-256 mismatch", "SSM parameter(s) not found", "Hyperproof has no control with controlIdentifier");
    }

    @Test
    void shouldLinkOnlyToDocsThatExist() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([a-z-]+\\.md)(#[^)]*)?\\)");
        for (String name : List.of("deploy.md", "configuration.md", "operations.md", "troubleshooting.md", "security.md")) {
            Matcher matcher = link.matcher(doc(name));
            while (matcher.find()) {
                assertThat(DOCS.resolve(matcher.group(1))).as("%s links %s", name, matcher.group(1)).exists();
            }
        }
    }

    /** The class file's bytes as text: its string constants are in there (ASCII). */
    static String classConstants(String simpleName) throws IOException {
        try (InputStream in = DocsTest.class.getResourceAsStream("/io/evidencesync/bridge/" + simpleName + ".class")) {
            assertThat(in).as(simpleName).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
