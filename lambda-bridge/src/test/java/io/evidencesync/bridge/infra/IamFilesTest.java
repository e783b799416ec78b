package io.evidencesync.bridge.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.Gson;

/**
 * The plain JSON policies in iam/ (for teams not using SAM) say exactly what template.yaml says: after filling in
 * the placeholders, each file's statements equal the template's resolved statements.
 */
class IamFilesTest {
    static final Path IAM = Path.of("..", "iam");
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");
    static final String JENKINS = "arn:aws:iam::111122223333:role/jenkins-agent";

    static CfnTemplate template;
    static CfnTemplate kms;
    static Map<String, String> values;

    @BeforeAll
    static void load() throws IOException {
        CfnTemplate defaults = CfnTemplate.load(TemplateTest.TEMPLATE);
        Map<String, String> parameters = Map.of("BucketName", TemplateTest.BUCKET,
                "GitHubOidcProviderArn", "arn:aws:iam::" + CfnTemplate.ACCOUNT + ":oidc-provider/token.actions.githubusercontent.com",
                "GitHubSubjects", "repo:acme/app:ref:refs/heads/main",
                "JenkinsPrincipalArn", JENKINS, "JenkinsExternalId", "ext-id-1234");
        template = defaults.with(parameters);
        Map<String, String> withKms = new LinkedHashMap<>(parameters);
        withKms.put("Encryption", "SSE-KMS");
        withKms.put("KmsKeyArn", TemplateTest.KMS_KEY);
        kms = defaults.with(withKms);
        values = new LinkedHashMap<>();
        values.put("Bucket", TemplateTest.BUCKET);
        values.put("EvidencePrefix", (String) template.parameter("EvidencePrefix"));
        values.put("ReceiptsPrefix", (String) template.parameter("ReceiptsPrefix"));
        values.put("Region", CfnTemplate.REGION);
        values.put("AccountId", CfnTemplate.ACCOUNT);
        values.put("KmsKeyArn", TemplateTest.KMS_KEY);
        values.put("SsmClientIdPath", (String) template.parameter("SsmClientIdPath"));
        values.put("SsmSecretPath", (String) template.parameter("SsmSecretPath"));
        values.put("LogGroupName", (String) template.properties("FunctionLogGroup").get("LogGroupName"));
        values.put("QueueArn", "arn:aws:sqs:" + CfnTemplate.REGION + ":" + CfnTemplate.ACCOUNT + ":EvidenceQueue");
        values.put("GitHubSubject", "repo:acme/app:ref:refs/heads/main");
        values.put("JenkinsPrincipalArn", JENKINS);
        values.put("JenkinsExternalId", "ext-id-1234");
    }

    @SuppressWarnings("unchecked")
    static List<Object> statements(String file) throws IOException {
        String text = Files.readString(IAM.resolve(file), StandardCharsets.UTF_8);
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            assertThat(value).as("placeholder ${%s} in %s is documented", matcher.group(1), file).isNotNull();
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        Map<String, Object> document = new Gson().fromJson(filled.toString(), Map.class);
        assertThat(document).containsEntry("Version", "2012-10-17");
        return (List<Object>) document.get("Statement");
    }

    static List<Object> templateStatements(Object document) {
        return CfnTemplate.list(CfnTemplate.map(document).get("Statement"));
    }

    static Object functionDocument(CfnTemplate t) {
        return CfnTemplate.map(CfnTemplate.list(t.properties("BridgeRole").get("Policies")).get(0)).get("PolicyDocument");
    }

    @Test
    void shouldMatchThePublisherPolicy() throws IOException {
        assertThat(statements("publisher-policy.json"))
                .isEqualTo(templateStatements(template.properties("PublisherPolicy").get("PolicyDocument")));
        List<Object> withKms = new ArrayList<>(statements("publisher-policy.json"));
        withKms.addAll(statements("publisher-policy-kms.json"));
        assertThat(withKms).isEqualTo(templateStatements(kms.properties("PublisherPolicy").get("PolicyDocument")));
    }

    @Test
    void shouldMatchTheBridgeFunctionPolicy() throws IOException {
        assertThat(statements("bridge-function-policy.json")).isEqualTo(templateStatements(functionDocument(template)));
        List<Object> expected = new ArrayList<>(templateStatements(functionDocument(kms)));
        List<Object> actual = new ArrayList<>(statements("bridge-function-policy.json"));
        actual.addAll(actual.size() - 1, statements("bridge-function-policy-kms.json")); // before the queue statement
        assertThat(actual).isEqualTo(expected);
        assertThat(statements("bridge-trust-policy.json"))
                .isEqualTo(templateStatements(template.properties("BridgeRole").get("AssumeRolePolicyDocument")));
    }

    @Test
    void shouldMatchTheCiTrustPolicies() throws IOException {
        assertThat(statements("github-oidc-trust-policy.json"))
                .isEqualTo(templateStatements(template.properties("GitHubPublisherRole").get("AssumeRolePolicyDocument")));
        assertThat(statements("jenkins-trust-policy.json"))
                .isEqualTo(templateStatements(template.properties("JenkinsPublisherRole").get("AssumeRolePolicyDocument")));
    }

    @Test
    void shouldShipNoFileTheTestsDoNotCover() throws IOException {
        try (Stream<Path> files = Files.list(IAM)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
                    .containsExactlyInAnyOrder("publisher-policy.json", "publisher-policy-kms.json",
                            "github-oidc-trust-policy.json", "jenkins-trust-policy.json", "bridge-function-policy.json",
                            "bridge-function-policy-kms.json", "bridge-trust-policy.json");
        }
    }
}
