package io.evidencesync.bridge.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;

import io.evidencesync.bridge.BridgeConfig;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.hyperproof.HyperproofEndpoints;
import io.evidencesync.core.publish.EvidencePublisher;

/**
 * Checks lambda-bridge/template.yaml against the code it deploys, for every delivery topology and encryption mode:
 * handlers, environment, the AWS calls the code makes (found in the bytecode) against the IAM the template grants,
 * and the operational invariants the issue asks for.
 */
class TemplateTest {
    static final Path TEMPLATE = Path.of("template.yaml");
    static final String BUCKET = "acme-evidence";
    static final String KMS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b3c5c0e-1111-2222-3333-444455556666";
    /** Some other KMS key in the account (the aws/ssm key's id is not known in advance). */
    static final String SOME_KEY = "arn:aws:kms:eu-west-1:111122223333:key/9d2f0a7e-aaaa-bbbb-cccc-ddddeeeeffff";

    /** Variables the Lambda runtime sets itself, and endpoint overrides that exist only for local stand-ins. */
    static final Set<String> NOT_FROM_THE_TEMPLATE = Set.of(BridgeConfig.AWS_REGION, BridgeConfig.AWS_ENDPOINT_URL,
            BridgeConfig.AWS_ENDPOINT_URL_S3, BridgeConfig.AWS_ENDPOINT_URL_SSM);

    static CfnTemplate defaults;
    static JavaClasses classes;

    @BeforeAll
    static void load() throws IOException {
        defaults = CfnTemplate.load(TEMPLATE);
        classes = AwsCalls.mainClasses();
    }

    static CfnTemplate scenario(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("BucketName", BUCKET);
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return defaults.with(values);
    }

    /** Every topology, with and without SSE-KMS, and the options that change IAM. */
    static Stream<Arguments> scenarios() {
        List<Arguments> all = new ArrayList<>();
        for (String delivery : List.of("sqs", "direct", "eventbridge")) {
            for (String encryption : List.of("SSE-S3", "SSE-KMS")) {
                for (String createBucket : List.of("true", "false")) {
                    if (delivery.equals("direct") && createBucket.equals("false")) {
                        continue; // refused by the DirectDeliveryNeedsANewBucket rule
                    }
                    List<String> pairs = new ArrayList<>(List.of("Delivery", delivery, "Encryption", encryption,
                            "CreateBucket", createBucket));
                    if (encryption.equals("SSE-KMS")) {
                        pairs.addAll(List.of("KmsKeyArn", KMS_KEY));
                    }
                    all.add(Arguments.of(delivery + "/" + encryption + "/bucket=" + createBucket, pairs.toArray(String[]::new)));
                }
            }
        }
        all.add(Arguments.of("sqs/custom SSM key/object lock/CI roles", new String[] {"SsmKmsKeyArn", KMS_KEY,
                "ObjectLockMode", "COMPLIANCE", "GitHubOidcProviderArn",
                "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
                "GitHubSubjects", "repo:acme/app:*,repo:acme@123/app@456:*",
                "JenkinsPrincipalArn", "arn:aws:iam::111122223333:role/jenkins-agent", "JenkinsExternalId", "ext-id-1234"}));
        return all.stream();
    }

    // ------------------------------------------------------------------------------------------------ the template

    @Test
    void shouldReadShortFormIntrinsicsAsTheLongForm() throws IOException {
        Path yaml = java.nio.file.Files.createTempFile("cfn", ".yaml");
        java.nio.file.Files.writeString(yaml, String.join("\n",
                "a: !Ref X", "b: !Sub 'x-${X}'", "c: !GetAtt R.Arn", "d: !If [C, 1, 2]", "e: !Equals [a, b]",
                "f: !Not [!Condition C]", "g: !And [!Condition C, !Condition D]", "h: !Or [!Condition C, !Condition D]",
                "i: !Select [0, !Split [',', 'a,b']]", "j: !Join ['', [a, b]]", "k: !FindInMap [M, k1, k2]",
                "l: !ImportValue Exported", "m: !GetAtt [R, Arn]", "n: !Sub ['${A}', {A: !Ref X}]", ""));
        Map<String, Object> read = CfnYaml.read(yaml);
        assertThat(read.get("a")).isEqualTo(Map.of("Ref", "X"));
        assertThat(read.get("b")).isEqualTo(Map.of("Fn::Sub", "x-${X}"));
        assertThat(read.get("c")).isEqualTo(Map.of("Fn::GetAtt", List.of("R", "Arn")));
        assertThat(read.get("m")).isEqualTo(read.get("c"));
        assertThat(read.get("d")).isEqualTo(Map.of("Fn::If", List.of("C", 1, 2)));
        assertThat(read.get("f")).isEqualTo(Map.of("Fn::Not", List.of(Map.of("Condition", "C"))));
        assertThat(read.get("g")).isEqualTo(Map.of("Fn::And", List.of(Map.of("Condition", "C"), Map.of("Condition", "D"))));
        assertThat(read.get("h")).isEqualTo(Map.of("Fn::Or", List.of(Map.of("Condition", "C"), Map.of("Condition", "D"))));
        assertThat(read.get("i")).isEqualTo(Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of(",", "a,b")))));
        assertThat(read.get("j")).isEqualTo(Map.of("Fn::Join", List.of("", List.of("a", "b"))));
        assertThat(read.get("k")).isEqualTo(Map.of("Fn::FindInMap", List.of("M", "k1", "k2")));
        assertThat(read.get("l")).isEqualTo(Map.of("Fn::ImportValue", "Exported"));
        assertThat(read.get("n")).isEqualTo(Map.of("Fn::Sub", List.of("${A}", Map.of("A", Map.of("Ref", "X")))));
        java.nio.file.Files.delete(yaml);
    }

    @Test
    void shouldBeASamApplicationRunningTheShadedJarOnJava21() {
        assertThat(defaults.raw().get("Transform")).isEqualTo("AWS::Serverless-2016-10-31");
        CfnTemplate template = scenario();
        assertThat(template.type("BridgeFunction")).isEqualTo("AWS::Serverless::Function");
        Map<String, Object> function = template.properties("BridgeFunction");
        assertThat(function).containsEntry("Runtime", "java21")
                .containsEntry("CodeUri", "target/evidence-sync-bridge.jar")
                .containsEntry("AutoPublishAlias", "live")
                .containsKeys("MemorySize", "Timeout", "ReservedConcurrentExecutions", "Role");
        assertThat(function.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "None"));
        assertThat(scenario("SnapStart", "true").properties("BridgeFunction").get("SnapStart"))
                .isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
    }

    @Test
    void shouldUseTheHandlerThatMatchesTheDelivery() throws Exception {
        assertThat(handler(scenario("Delivery", "direct"))).isEqualTo("io.evidencesync.bridge.S3EventHandler::handleRequest");
        assertThat(handler(scenario("Delivery", "sqs"))).isEqualTo("io.evidencesync.bridge.SqsEventHandler::handleRequest");
        assertThat(handler(scenario("Delivery", "eventbridge", "CreateBucket", "false")))
                .isEqualTo("io.evidencesync.bridge.SqsEventHandler::handleRequest");

        Class<?> direct = Class.forName("io.evidencesync.bridge.S3EventHandler");
        assertThat(RequestStreamHandler.class).isAssignableFrom(direct);
        assertThat(direct.getMethod("handleRequest", java.io.InputStream.class, java.io.OutputStream.class,
                com.amazonaws.services.lambda.runtime.Context.class)).isNotNull();
        assertThat(direct.getConstructor()).isNotNull(); // the runtime needs a public no-arg constructor

        Class<?> queued = Class.forName("io.evidencesync.bridge.SqsEventHandler");
        assertThat(RequestHandler.class).isAssignableFrom(queued);
        assertThat(queued.getMethod("handleRequest", SQSEvent.class, com.amazonaws.services.lambda.runtime.Context.class)
                .getReturnType()).isEqualTo(SQSBatchResponse.class);
        assertThat(queued.getConstructor()).isNotNull();
    }

    static String handler(CfnTemplate template) {
        return (String) template.properties("BridgeFunction").get("Handler");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldResolveForEveryTopology(String name, String[] pairs) {
        CfnTemplate template = scenario(pairs);
        // every reference points at a resource that exists under the same conditions (CloudFormation refuses others)
        assertThat(template.resources()).containsKeys("BridgeFunction", "BridgeRole", "DeadLetterQueue", "PublisherPolicy");
        for (Object output : template.section("Outputs").values()) {
            Map<String, Object> definition = CfnTemplate.map(output);
            if (definition.get("Condition") == null || template.condition((String) definition.get("Condition"))) {
                assertThat(template.resolve(definition.get("Value"))).as("output %s", definition).isNotNull();
            }
        }
    }

    /** CloudFormation accepts only its rule functions in Rules (cfn-lint does not check this; Fn::Join fails at deploy). */
    @Test
    void shouldUseOnlyRuleFunctionsInRules() {
        Set<String> allowed = Set.of("Ref", "Fn::And", "Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn",
                "Fn::Equals", "Fn::Not", "Fn::Or", "Fn::RefAll", "Fn::ValueOf", "Fn::ValueOfAll");
        Set<String> used = new TreeSet<>();
        collectFunctions(defaults.section("Rules"), used);
        assertThat(used).isNotEmpty().isSubsetOf(allowed);
    }

    static void collectFunctions(Object node, Set<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (map.size() == 1 && (key.equals("Ref") || String.valueOf(key).startsWith("Fn::"))) {
                    into.add((String) key);
                }
                collectFunctions(value, into);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectFunctions(item, into));
        }
    }

    // ------------------------------------------------------------------------------------------------ environment

    /** The names the bridge reads: BridgeConfig's public String constants whose value is their own name. */
    static Set<String> configVariables() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Field field : BridgeConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && field.getName().equals(field.get(null))) {
                names.add(field.getName());
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> environment(CfnTemplate template) {
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) template.properties("BridgeFunction")
                .get("Environment")).get("Variables");
        Map<String, String> environment = new LinkedHashMap<>();
        variables.forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    @Test
    void shouldSetEveryVariableTheBridgeReadsAndNoOther() throws Exception {
        Set<String> read = configVariables();
        assertThat(read).as("BridgeConfig constants found by reflection")
                .contains("SSM_CLIENT_ID_PATH", "SSM_SECRET_PATH", "CONTROL_ID", "CONTROL_MAP", "HYPERPROOF_API_URL",
                        "HYPERPROOF_TOKEN_URL", "HYPERPROOF_OWNER_ID", "ALLOWED_BUCKETS", "RECEIPTS_PREFIX");
        Set<String> set = new TreeSet<>(environment(scenario()).keySet());
        set.remove(JVM_OPTIONS);
        assertThat(read).as("the template sets what the code reads").containsAll(set);
        Set<String> notSet = new TreeSet<>(read);
        notSet.removeAll(set);
        assertThat(notSet).as("read by the code but not set by the template").isSubsetOf(NOT_FROM_THE_TEMPLATE);
    }

    /** Read by the JVM, not by the bridge; the bench runs the function with the same value. */
    private static final String JVM_OPTIONS = "JAVA_TOOL_OPTIONS";

    @Test
    void shouldRunTheFunctionUnderTheRuntimesC1DefaultWithLowerCompileThresholds() {
        String options = environment(scenario()).get(JVM_OPTIONS);

        assertThat(options).contains("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-XX:CompileThresholdScaling=0.25");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldHandTheBridgeAConfigurationItAccepts(String name, String[] pairs) {
        CfnTemplate template = scenario(pairs);
        Map<String, String> environment = new HashMap<>(environment(template));
        environment.put(BridgeConfig.AWS_REGION, CfnTemplate.REGION);
        BridgeConfig config = BridgeConfig.fromEnvironment(environment);

        assertThat(config.receiptsPrefix()).isEqualTo(template.parameter("ReceiptsPrefix"));
        assertThat(config.allowedBuckets()).containsExactly(BUCKET);
        assertThat(config.clientIdPath()).isEqualTo(template.parameter("SsmClientIdPath"));
        assertThat(config.clientSecretPath()).isEqualTo(template.parameter("SsmSecretPath"));
        assertThat(config.endpoints()).isEqualTo(HyperproofEndpoints.us());
        assertThat(config.ssmEndpoint()).isNull();
        assertThat(config.s3PathStyle()).isFalse();
        assertThat(config.staleClaimAfter()).isGreaterThan(Duration.ofSeconds(
                Long.parseLong(String.valueOf(template.properties("BridgeFunction").get("Timeout")))));
    }

    @Test
    void shouldPassControlsOwnerAndHyperproofRegionThrough() {
        CfnTemplate template = scenario("HyperproofRegion", "EU",
                "HyperproofTokenUrl", "https://accounts.hyperproof.eu/oauth/token",
                "ControlId", "CC-1.1", "ControlMap", "{\"OSPS-QA-07.01\":\"CC-1.2\"}", "HyperproofOwnerId", "user-1",
                "SsmClientIdPath", "/team/hp/id", "SsmSecretPath", "/team/hp/secret");
        Map<String, String> environment = new HashMap<>(environment(template));
        environment.put(BridgeConfig.AWS_REGION, CfnTemplate.REGION);
        BridgeConfig config = BridgeConfig.fromEnvironment(environment);
        assertThat(config.endpoints().apiUrl()).hasToString(HyperproofEndpoints.EU_API);
        assertThat(config.endpoints().tokenUrl()).hasToString("https://accounts.hyperproof.eu/oauth/token");
        assertThat(config.controlId()).isEqualTo("CC-1.1");
        assertThat(config.controlMap()).containsEntry("OSPS-QA-07.01", "CC-1.2");
        assertThat(config.ownerId()).isEqualTo("user-1");
        assertThat(config.clientIdPath()).isEqualTo("/team/hp/id");

        assertThat(environment(scenario("HyperproofRegion", "GOV", "HyperproofTokenUrl", "https://t.example/oauth/token")))
                .containsEntry("HYPERPROOF_API_URL", HyperproofEndpoints.GOV_API);
        assertThat(environment(scenario("HyperproofRegion", "CUSTOM", "HyperproofApiUrl", "https://hp.example",
                "HyperproofTokenUrl", "https://hp.example/oauth/token")))
                .containsEntry("HYPERPROOF_API_URL", "https://hp.example");
    }

    @Test
    void shouldKnowTheHyperproofHostsTheCoreKnows() {
        Map<String, Object> hosts = CfnTemplate.map(defaults.section("Mappings").get("Hyperproof"));
        assertThat(CfnTemplate.map(hosts.get("US"))).containsEntry("ApiUrl", HyperproofEndpoints.US_API)
                .containsEntry("TokenUrl", HyperproofEndpoints.US_TOKEN);
        assertThat(CfnTemplate.map(hosts.get("EU"))).containsEntry("ApiUrl", HyperproofEndpoints.EU_API);
        assertThat(CfnTemplate.map(hosts.get("GOV"))).containsEntry("ApiUrl", HyperproofEndpoints.GOV_API);
        // the EU/Gov token hosts are not published: no default, and a Rule requires HyperproofTokenUrl there
        assertThat(CfnTemplate.map(hosts.get("EU"))).containsEntry("TokenUrl", "");
        assertThat(defaults.section("Rules")).containsKey("HyperproofTokenUrlOutsideUs");
    }

    // ------------------------------------------------------------------------------------------------ AWS calls vs IAM

    static Set<JavaClass> bridgeClasses() {
        return AwsCalls.reachable(classes,
                c -> c.getName().equals("io.evidencesync.bridge.S3EventHandler")
                        || c.getName().equals("io.evidencesync.bridge.SqsEventHandler"),
                c -> c.getPackageName().startsWith("io.evidencesync.bridge.replay"));
    }

    static Set<JavaClass> publisherClasses() {
        return AwsCalls.reachable(classes, c -> c.getName().equals(EvidencePublisher.class.getName()), c -> false);
    }

    @Test
    void shouldListEveryAwsCallTheBridgeMakes() throws IOException {
        Set<JavaClass> reachable = bridgeClasses();
        assertThat(reachable).extracting(JavaClass::getSimpleName).contains("ObjectSync", "ReceiptStore", "SsmParameterStore");
        assertThat(AwsCalls.s3CallSites(reachable)).as("S3Client calls found in the bytecode; document new ones in AwsCalls")
                .containsExactlyInAnyOrderElementsOf(AwsCalls.BRIDGE_S3.stream().map(AwsCalls.S3Call::site).toList());
        assertThat(AwsCalls.ssmOperations(reachable)).containsExactlyInAnyOrderElementsOf(AwsCalls.BRIDGE_SSM);
        assertThat(reachable).as("no other AWS SDK service client is used")
                .allSatisfy(c -> assertThat(c.getDirectDependenciesFromSelf()).noneMatch(d -> {
                    String target = d.getTargetClass().getPackageName();
                    return target.startsWith("software.amazon.awssdk.services.") && !target.startsWith("software.amazon.awssdk.services.s3");
                }));
    }

    @Test
    void shouldListEveryAwsCallThePublisherMakes() {
        assertThat(AwsCalls.s3CallSites(publisherClasses()))
                .containsExactlyInAnyOrderElementsOf(AwsCalls.PUBLISHER_S3.stream().map(AwsCalls.S3Call::site).toList());
    }

    static IamPolicy functionPolicy(CfnTemplate template) {
        Map<String, Object> role = template.properties("BridgeRole");
        assertThat(role).doesNotContainKey("ManagedPolicyArns");
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object policy : CfnTemplate.list(role.get("Policies"))) {
            documents.add(CfnTemplate.map(CfnTemplate.map(policy).get("PolicyDocument")));
        }
        return IamPolicy.of(documents);
    }

    static IamPolicy publisherPolicy(CfnTemplate template) {
        return IamPolicy.of(List.of(CfnTemplate.map(template.properties("PublisherPolicy").get("PolicyDocument"))));
    }

    static String evidenceKey(CfnTemplate template) {
        return template.parameter("EvidencePrefix") + "github/acme%2Fapp/ci/123/1/files/reports/scan+1.json";
    }

    static String objectArn(String key) {
        return "arn:aws:s3:::" + BUCKET + "/" + key;
    }

    /** The requests one documented S3 call makes, KMS included when the bucket uses SSE-KMS. */
    static List<IamPolicy.Request> requests(CfnTemplate template, AwsCalls.S3Call call) {
        String key = call.area() == AwsCalls.Area.EVIDENCE ? evidenceKey(template)
                : EvidenceContract.receiptKey((String) template.parameter("ReceiptsPrefix"), evidenceKey(template), "3HL4kqtJlcpXroDTDmJ");
        List<IamPolicy.Request> requests = new ArrayList<>();
        for (String action : call.actions()) {
            requests.add(new IamPolicy.Request(action, objectArn(key)));
        }
        if (call.needs404()) {
            requests.add(new IamPolicy.Request("s3:ListBucket", "arn:aws:s3:::" + BUCKET, Map.of("s3:prefix", key)));
        }
        if (template.condition("UseKms") && !call.actions().contains("s3:AbortMultipartUpload")) {
            boolean writes = call.actions().contains("s3:PutObject");
            requests.add(new IamPolicy.Request(writes ? "kms:GenerateDataKey" : "kms:Decrypt", KMS_KEY,
                    Map.of("kms:ViaService", "s3." + CfnTemplate.REGION + ".amazonaws.com")));
        }
        return requests;
    }

    static String parameterArn(CfnTemplate template, String parameter) {
        return "arn:aws:ssm:" + CfnTemplate.REGION + ":" + CfnTemplate.ACCOUNT + ":parameter" + template.parameter(parameter);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldAllowEveryCallTheFunctionMakes(String name, String[] pairs) {
        CfnTemplate template = scenario(pairs);
        IamPolicy policy = functionPolicy(template);
        for (AwsCalls.S3Call call : AwsCalls.BRIDGE_S3) {
            assertThat(requests(template, call)).as(call.site() + ": " + call.why()).allMatch(policy::allows);
        }
        String ssmKey = template.condition("CustomSsmKey") ? KMS_KEY : SOME_KEY;
        for (String parameter : List.of("SsmClientIdPath", "SsmSecretPath")) {
            String arn = parameterArn(template, parameter);
            assertThat(policy.allows(new IamPolicy.Request("ssm:GetParameters", arn))).as(arn).isTrue();
            assertThat(policy.allows(new IamPolicy.Request("kms:Decrypt", ssmKey, Map.of(
                    "kms:ViaService", "ssm." + CfnTemplate.REGION + ".amazonaws.com",
                    "kms:EncryptionContext:PARAMETER_ARN", arn)))).as("SecureString " + arn).isTrue();
        }
        String logGroup = "arn:aws:logs:" + CfnTemplate.REGION + ":" + CfnTemplate.ACCOUNT + ":log-group:"
                + template.properties("FunctionLogGroup").get("LogGroupName") + ":log-stream:2026/11/27/[$LATEST]abc";
        assertThat(policy.allows(new IamPolicy.Request("logs:CreateLogStream", logGroup))).isTrue();
        assertThat(policy.allows(new IamPolicy.Request("logs:PutLogEvents", logGroup))).isTrue();
        String queue = "arn:aws:sqs:" + CfnTemplate.REGION + ":" + CfnTemplate.ACCOUNT + ":EvidenceQueue";
        String dlq = "arn:aws:sqs:" + CfnTemplate.REGION + ":" + CfnTemplate.ACCOUNT + ":DeadLetterQueue";
        if (template.condition("UseQueue")) {
            // the SQS event source mapping polls with the function's role
            for (String action : List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")) {
                assertThat(policy.allows(new IamPolicy.Request(action, queue))).as(action).isTrue();
            }
            assertThat(policy.allows(new IamPolicy.Request("sqs:SendMessage", dlq))).isFalse();
        } else {
            // the asynchronous invocation's on-failure destination is written with the function's role
            assertThat(policy.allows(new IamPolicy.Request("sqs:SendMessage", dlq))).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldAllowTheFunctionNothingElse(String name, String[] pairs) {
        CfnTemplate template = scenario(pairs);
        IamPolicy policy = functionPolicy(template);
        String evidence = objectArn(evidenceKey(template));
        String receipt = objectArn(template.parameter("ReceiptsPrefix") + "x/null.json");
        List<IamPolicy.Request> denied = List.of(
                new IamPolicy.Request("s3:PutObject", evidence),
                new IamPolicy.Request("s3:DeleteObject", evidence),
                new IamPolicy.Request("s3:DeleteObject", receipt),
                new IamPolicy.Request("s3:DeleteObjectVersion", receipt),
                new IamPolicy.Request("s3:GetObject", objectArn("elsewhere/secret.json")),
                new IamPolicy.Request("s3:PutObjectRetention", evidence),
                new IamPolicy.Request("s3:BypassGovernanceRetention", evidence),
                new IamPolicy.Request("s3:ListBucket", "arn:aws:s3:::" + BUCKET, Map.of("s3:prefix", "")),
                new IamPolicy.Request("s3:ListBucket", "arn:aws:s3:::" + BUCKET, Map.of("s3:prefix", evidenceKey(template))),
                new IamPolicy.Request("s3:ListBucket", "arn:aws:s3:::" + BUCKET),
                new IamPolicy.Request("s3:GetObject", "arn:aws:s3:::another-bucket/" + evidenceKey(template)),
                new IamPolicy.Request("ssm:GetParameters", "arn:aws:ssm:" + CfnTemplate.REGION + ":" + CfnTemplate.ACCOUNT
                        + ":parameter/other/secret"),
                new IamPolicy.Request("ssm:GetParametersByPath", parameterArn(template, "SsmSecretPath")),
                new IamPolicy.Request("kms:Decrypt", SOME_KEY, Map.of("kms:ViaService", "ssm." + CfnTemplate.REGION
                        + ".amazonaws.com", "kms:EncryptionContext:PARAMETER_ARN", "arn:aws:ssm:" + CfnTemplate.REGION + ":"
                        + CfnTemplate.ACCOUNT + ":parameter/other/secret")),
                new IamPolicy.Request("kms:Decrypt", SOME_KEY, Map.of("kms:ViaService", "secretsmanager."
                        + CfnTemplate.REGION + ".amazonaws.com")),
                new IamPolicy.Request("kms:Decrypt", KMS_KEY, Map.of("kms:ViaService", "sqs." + CfnTemplate.REGION
                        + ".amazonaws.com")),
                new IamPolicy.Request("sqs:SendMessage", "arn:aws:sqs:" + CfnTemplate.REGION + ":" + CfnTemplate.ACCOUNT
                        + ":EvidenceQueue"),
                new IamPolicy.Request("lambda:InvokeFunction", "arn:aws:lambda:" + CfnTemplate.REGION + ":"
                        + CfnTemplate.ACCOUNT + ":function:BridgeFunction"),
                new IamPolicy.Request("iam:PassRole", "arn:aws:iam::" + CfnTemplate.ACCOUNT + ":role/BridgeRole"));
        assertThat(denied).as("the function must not be allowed these").noneMatch(policy::allows);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldAllowThePublishersWhatTheyCallUnderTheEvidencePrefixOnly(String name, String[] pairs) {
        CfnTemplate template = scenario(pairs);
        IamPolicy policy = publisherPolicy(template);
        for (AwsCalls.S3Call call : AwsCalls.PUBLISHER_S3) {
            assertThat(requests(template, call)).as(call.site() + ": " + call.why()).allMatch(policy::allows);
        }
        String receipt = objectArn(EvidenceContract.receiptKey((String) template.parameter("ReceiptsPrefix"),
                evidenceKey(template), null));
        List<IamPolicy.Request> denied = List.of(
                new IamPolicy.Request("s3:PutObject", receipt),
                new IamPolicy.Request("s3:GetObject", receipt),
                new IamPolicy.Request("s3:PutObject", objectArn("elsewhere/x.json")),
                new IamPolicy.Request("s3:DeleteObject", objectArn(evidenceKey(template))),
                new IamPolicy.Request("s3:DeleteObjectVersion", objectArn(evidenceKey(template))),
                new IamPolicy.Request("s3:PutObjectRetention", objectArn(evidenceKey(template))),
                new IamPolicy.Request("s3:PutObjectLegalHold", objectArn(evidenceKey(template))),
                new IamPolicy.Request("s3:BypassGovernanceRetention", objectArn(evidenceKey(template))),
                new IamPolicy.Request("s3:PutBucketPolicy", "arn:aws:s3:::" + BUCKET),
                new IamPolicy.Request("s3:PutBucketNotification", "arn:aws:s3:::" + BUCKET),
                new IamPolicy.Request("s3:ListBucket", "arn:aws:s3:::" + BUCKET, Map.of("s3:prefix",
                        (String) template.parameter("ReceiptsPrefix"))),
                new IamPolicy.Request("s3:ListBucket", "arn:aws:s3:::" + BUCKET, Map.of("s3:prefix",
                        (String) template.parameter("EvidencePrefix"))),
                new IamPolicy.Request("ssm:GetParameters", parameterArn(template, "SsmSecretPath")),
                new IamPolicy.Request("kms:Decrypt", KMS_KEY, Map.of("kms:ViaService", "ssm." + CfnTemplate.REGION
                        + ".amazonaws.com")));
        assertThat(denied).as("publishers must not be allowed these").noneMatch(policy::allows);
    }

    /** Every IAM policy document in the template: role inline policies, managed policies, trust policies. */
    static List<Map<String, Object>> identityPolicyStatements(CfnTemplate template) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> resource : template.resources().entrySet()) {
            Map<String, Object> properties = CfnTemplate.map(resource.getValue().get("Properties"));
            switch ((String) resource.getValue().get("Type")) {
                case "AWS::IAM::Role" -> {
                    for (Object policy : CfnTemplate.list(properties.getOrDefault("Policies", List.of()))) {
                        statements.addAll(IamPolicy.of(List.of(CfnTemplate.map(CfnTemplate.map(policy).get("PolicyDocument"))))
                                .statements());
                    }
                    assertThat(properties).as(resource.getKey() + ": no AWS managed policies (they grant '*')")
                            .satisfiesAnyOf(p -> assertThat(p).doesNotContainKey("ManagedPolicyArns"),
                                    p -> assertThat(CfnTemplate.list(p.get("ManagedPolicyArns"))).allMatch(arn ->
                                            String.valueOf(arn).startsWith("arn:aws:iam::" + CfnTemplate.ACCOUNT + ":policy/")));
                }
                case "AWS::IAM::ManagedPolicy", "AWS::IAM::Policy" -> statements.addAll(
                        IamPolicy.of(List.of(CfnTemplate.map(properties.get("PolicyDocument")))).statements());
                case "AWS::Serverless::Function" -> assertThat(properties).as("the function uses BridgeRole, not SAM policies")
                        .doesNotContainKey("Policies").containsKey("Role");
                default -> {
                }
            }
        }
        return statements;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldNameEveryResourceInsteadOfStar(String name, String[] pairs) {
        List<Map<String, Object>> statements = identityPolicyStatements(scenario(pairs));
        assertThat(statements).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement).containsEntry("Effect", "Allow").doesNotContainKeys("NotAction", "NotResource");
            assertThat(CfnTemplate.list(statement.get("Action"))).as("%s", statement)
                    .noneMatch(action -> String.valueOf(action).equals("*") || String.valueOf(action).endsWith(":*"));
            assertThat(CfnTemplate.list(statement.get("Resource"))).as("%s", statement)
                    .noneMatch(resource -> String.valueOf(resource).equals("*"))
                    .noneMatch(resource -> String.valueOf(resource).equals("arn:aws:s3:::*"))
                    .noneMatch(resource -> String.valueOf(resource).equals("arn:aws:s3:::" + BUCKET + "/*"));
            if (CfnTemplate.list(statement.get("Resource")).stream().anyMatch(r -> String.valueOf(r).endsWith(":key/*"))) {
                // the aws/ssm key cannot be named in advance: pinned by service and encryption context instead
                assertThat(CfnTemplate.map(statement.get("Condition"))).containsKey("StringEquals");
                assertThat(CfnTemplate.map(CfnTemplate.map(statement.get("Condition")).get("StringEquals")))
                        .containsKeys("kms:ViaService", "kms:EncryptionContext:PARAMETER_ARN");
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ CI trust

    @Test
    void shouldTrustOnlyTheConfiguredGitHubRepositoriesThroughOidc() {
        CfnTemplate template = scenario("GitHubOidcProviderArn",
                "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
                "GitHubSubjects", "repo:acme/app:ref:refs/heads/main,repo:acme@1234/app@5678:ref:refs/heads/main");
        IamPolicy trust = IamPolicy.of(List.of(CfnTemplate.map(template.properties("GitHubPublisherRole")
                .get("AssumeRolePolicyDocument"))));
        IamPolicy.Request main = new IamPolicy.Request("sts:AssumeRoleWithWebIdentity", "*",
                Map.of("token.actions.githubusercontent.com:aud", "sts.amazonaws.com",
                        "token.actions.githubusercontent.com:sub", "repo:acme/app:ref:refs/heads/main"));
        assertThat(trust.allows(main)).isTrue();
        assertThat(trust.allows(main.with("token.actions.githubusercontent.com:sub",
                "repo:acme@1234/app@5678:ref:refs/heads/main"))).as("immutable subject (2026)").isTrue();
        assertThat(trust.allows(main.with("token.actions.githubusercontent.com:sub", "repo:acme/app:pull_request"))).isFalse();
        assertThat(trust.allows(main.with("token.actions.githubusercontent.com:sub", "repo:evil/app:ref:refs/heads/main")))
                .isFalse();
        assertThat(trust.allows(main.with("token.actions.githubusercontent.com:aud", "https://github.com/acme"))).isFalse();
        assertThat(template.properties("GitHubPublisherRole").get("ManagedPolicyArns"))
                .isEqualTo(List.of("arn:aws:iam::" + CfnTemplate.ACCOUNT + ":policy/PublisherPolicy"));
        assertThat(scenario().exists("GitHubPublisherRole")).isFalse();
    }

    @Test
    void shouldLetJenkinsAssumeItsRoleOnlyWithTheExternalId() {
        CfnTemplate template = scenario("JenkinsPrincipalArn", "arn:aws:iam::111122223333:role/jenkins-agent",
                "JenkinsExternalId", "ext-id-1234");
        Map<String, Object> trustDocument = CfnTemplate.map(template.properties("JenkinsPublisherRole").get("AssumeRolePolicyDocument"));
        Map<String, Object> statement = CfnTemplate.map(CfnTemplate.list(trustDocument.get("Statement")).get(0));
        assertThat(statement.get("Principal")).isEqualTo(Map.of("AWS", "arn:aws:iam::111122223333:role/jenkins-agent"));
        IamPolicy trust = IamPolicy.of(List.of(trustDocument));
        IamPolicy.Request assume = new IamPolicy.Request("sts:AssumeRole", "*", Map.of("sts:ExternalId", "ext-id-1234"));
        assertThat(trust.allows(assume)).isTrue();
        assertThat(trust.allows(assume.with("sts:ExternalId", "guess"))).isFalse();
        assertThat(trust.allows(new IamPolicy.Request("sts:AssumeRole", "*"))).isFalse();
        assertThat(scenario().exists("JenkinsPublisherRole")).isFalse();
    }

    // ------------------------------------------------------------------------------------------------ delivery

    @Test
    void shouldGiveTheQueueSixTimesTheFunctionTimeout() {
        for (Object timeout : CfnTemplate.list(CfnTemplate.map(defaults.section("Parameters").get("FunctionTimeout"))
                .get("AllowedValues"))) {
            CfnTemplate template = scenario("FunctionTimeout", String.valueOf(timeout));
            long seconds = Long.parseLong(String.valueOf(timeout));
            assertThat(Long.parseLong(String.valueOf(template.properties("EvidenceQueue").get("VisibilityTimeout"))))
                    .as("visibility for timeout " + timeout).isGreaterThanOrEqualTo(6 * seconds).isLessThanOrEqualTo(43_200);
            assertThat(Long.parseLong(environment(template).get("CLAIM_STALE_AFTER_SECONDS")))
                    .as("a claim must outlive the invocation that made it").isGreaterThan(seconds);
        }
    }

    @Test
    void shouldRedriveToTheDeadLetterQueueAndReportBatchItemFailures() {
        CfnTemplate template = scenario();
        Map<String, Object> redrive = CfnTemplate.map(template.properties("EvidenceQueue").get("RedrivePolicy"));
        assertThat(redrive).containsEntry("deadLetterTargetArn", "arn:aws:sqs:" + CfnTemplate.REGION + ":"
                + CfnTemplate.ACCOUNT + ":DeadLetterQueue").containsKey("maxReceiveCount");
        Map<String, Object> mapping = template.properties("EvidenceQueueMapping");
        assertThat(mapping.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat(mapping.get("FunctionName")).isEqualTo("arn:aws:lambda:" + CfnTemplate.REGION + ":"
                + CfnTemplate.ACCOUNT + ":function:BridgeFunction:live");
        assertThat(CfnTemplate.map(mapping.get("ScalingConfig")).get("MaximumConcurrency"))
                .isEqualTo(template.properties("BridgeFunction").get("ReservedConcurrentExecutions"));
        assertThat(template.exists("S3InvokePermission")).isFalse();
        assertThat(template.exists("DirectInvokeConfig")).isFalse();
    }

    @Test
    void shouldSendFailedDirectEventsToTheOnFailureDestination() {
        CfnTemplate template = scenario("Delivery", "direct");
        assertThat(template.exists("EvidenceQueue")).isFalse();
        assertThat(template.exists("EvidenceQueueMapping")).isFalse();
        Map<String, Object> config = template.properties("DirectInvokeConfig");
        assertThat(config).containsEntry("Qualifier", "live");
        assertThat(CfnTemplate.map(CfnTemplate.map(config.get("DestinationConfig")).get("OnFailure")))
                .containsEntry("Destination", "arn:aws:sqs:" + CfnTemplate.REGION + ":" + CfnTemplate.ACCOUNT + ":DeadLetterQueue");
        Map<String, Object> permission = template.properties("S3InvokePermission");
        assertThat(permission).containsEntry("Principal", "s3.amazonaws.com")
                .containsEntry("SourceArn", "arn:aws:s3:::" + BUCKET).containsEntry("SourceAccount", CfnTemplate.ACCOUNT);
        assertThatThrownBy(() -> scenario("Delivery", "direct", "CreateBucket", "false").properties("EvidenceBucket"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNotifyOnlyForTheEvidencePrefixSoReceiptsNeverTrigger() {
        String evidence = (String) scenario().parameter("EvidencePrefix");
        String receipts = (String) scenario().parameter("ReceiptsPrefix");
        assertThat(receipts).isEqualTo(EvidenceContract.DEFAULT_RECEIPTS_PREFIX + "/");
        assertThat(receipts).doesNotStartWith(evidence);
        assertThat(evidence).doesNotStartWith(receipts);

        Map<String, Object> sqs = CfnTemplate.map(scenario().properties("EvidenceBucket").get("NotificationConfiguration"));
        Map<String, Object> direct = CfnTemplate.map(scenario("Delivery", "direct").properties("EvidenceBucket")
                .get("NotificationConfiguration"));
        for (Map<String, Object> configuration : List.of(
                CfnTemplate.map(CfnTemplate.list(sqs.get("QueueConfigurations")).get(0)),
                CfnTemplate.map(CfnTemplate.list(direct.get("LambdaConfigurations")).get(0)))) {
            assertThat(configuration).containsEntry("Event", "s3:ObjectCreated:*");
            assertThat(configuration.get("Filter")).isEqualTo(Map.of("S3Key", Map.of("Rules",
                    List.of(Map.of("Name", "prefix", "Value", evidence)))));
        }
        assertThat(sqs).doesNotContainKey("LambdaConfigurations");
        assertThat(direct).doesNotContainKey("QueueConfigurations");

        Map<String, Object> pattern = CfnTemplate.map(scenario("Delivery", "eventbridge", "CreateBucket", "false")
                .properties("EvidenceCreatedRule").get("EventPattern"));
        assertThat(pattern.get("detail")).isEqualTo(Map.of("bucket", Map.of("name", List.of(BUCKET)),
                "object", Map.of("key", List.of(Map.of("prefix", evidence)))));
        assertThat(scenario("Delivery", "eventbridge").properties("EvidenceBucket").get("NotificationConfiguration"))
                .isEqualTo(Map.of("EventBridgeConfiguration", Map.of("EventBridgeEnabled", true)));
    }

    @Test
    void shouldLetOnlyTheBucketOrTheRuleSendToTheQueue() {
        IamPolicy queue = IamPolicy.of(List.of(CfnTemplate.map(scenario().properties("EvidenceQueuePolicy").get("PolicyDocument"))));
        String queueArn = "arn:aws:sqs:" + CfnTemplate.REGION + ":" + CfnTemplate.ACCOUNT + ":EvidenceQueue";
        IamPolicy.Request fromBucket = new IamPolicy.Request("sqs:SendMessage", queueArn, Map.of(
                "aws:SourceArn", "arn:aws:s3:::" + BUCKET, "aws:SourceAccount", CfnTemplate.ACCOUNT, "aws:SecureTransport", "true"));
        assertThat(queue.decide(fromBucket)).isEqualTo(IamPolicy.Decision.ALLOW);
        assertThat(queue.decide(fromBucket.with("aws:SourceArn", "arn:aws:s3:::other"))).isEqualTo(IamPolicy.Decision.IMPLICIT_DENY);
        assertThat(queue.decide(fromBucket.with("aws:SecureTransport", "false"))).isEqualTo(IamPolicy.Decision.EXPLICIT_DENY);

        IamPolicy rule = IamPolicy.of(List.of(CfnTemplate.map(scenario("Delivery", "eventbridge")
                .properties("EvidenceQueuePolicy").get("PolicyDocument"))));
        assertThat(rule.decide(new IamPolicy.Request("sqs:SendMessage", queueArn, Map.of("aws:SourceArn",
                "arn:aws:events:" + CfnTemplate.REGION + ":" + CfnTemplate.ACCOUNT + ":rule/" + CfnTemplate.STACK
                        + "-evidence-created", "aws:SecureTransport", "true")))).isEqualTo(IamPolicy.Decision.ALLOW);
        assertThat(scenario("Delivery", "eventbridge").properties("EvidenceCreatedRule").get("Name"))
                .isEqualTo(CfnTemplate.STACK + "-evidence-created");

        // what the rule cannot deliver goes to the dead-letter queue, which only that rule may send to
        Map<String, Object> target = CfnTemplate.map(CfnTemplate.list(scenario("Delivery", "eventbridge")
                .properties("EvidenceCreatedRule").get("Targets")).get(0));
        String dlqArn = "arn:aws:sqs:" + CfnTemplate.REGION + ":" + CfnTemplate.ACCOUNT + ":DeadLetterQueue";
        assertThat(target.get("DeadLetterConfig")).isEqualTo(Map.of("Arn", dlqArn));
        IamPolicy dlq = IamPolicy.of(List.of(CfnTemplate.map(scenario("Delivery", "eventbridge")
                .properties("DeadLetterQueuePolicy").get("PolicyDocument"))));
        IamPolicy.Request undelivered = new IamPolicy.Request("sqs:SendMessage", dlqArn, Map.of("aws:SourceArn",
                "arn:aws:events:" + CfnTemplate.REGION + ":" + CfnTemplate.ACCOUNT + ":rule/" + CfnTemplate.STACK
                        + "-evidence-created", "aws:SecureTransport", "true"));
        assertThat(dlq.decide(undelivered)).isEqualTo(IamPolicy.Decision.ALLOW);
        IamPolicy sqsModeDlq = IamPolicy.of(List.of(CfnTemplate.map(scenario().properties("DeadLetterQueuePolicy")
                .get("PolicyDocument"))));
        assertThat(sqsModeDlq.decide(undelivered)).isEqualTo(IamPolicy.Decision.IMPLICIT_DENY);
        assertThat(sqsModeDlq.decide(undelivered.with("aws:SecureTransport", "false")))
                .isEqualTo(IamPolicy.Decision.EXPLICIT_DENY);
    }

    // ------------------------------------------------------------------------------------------------ bucket

    @Test
    void shouldDenyPlainHttpAndReceiptWritesByAnyoneButTheBridge() {
        IamPolicy bucket = IamPolicy.of(List.of(CfnTemplate.map(scenario().properties("EvidenceBucketPolicy").get("PolicyDocument"))));
        String bridge = "arn:aws:iam::" + CfnTemplate.ACCOUNT + ":role/BridgeRole";
        String receipt = objectArn(scenario().parameter("ReceiptsPrefix") + "k/null.json");
        assertThat(bucket.decide(new IamPolicy.Request("s3:GetObject", objectArn("evidence/x"), Map.of("aws:SecureTransport", "false"))))
                .isEqualTo(IamPolicy.Decision.EXPLICIT_DENY);
        assertThat(bucket.decide(new IamPolicy.Request("s3:ListBucket", "arn:aws:s3:::" + BUCKET, Map.of("aws:SecureTransport", "false"))))
                .isEqualTo(IamPolicy.Decision.EXPLICIT_DENY);
        assertThat(bucket.decide(new IamPolicy.Request("s3:PutObject", receipt, Map.of("aws:SecureTransport", "true",
                "aws:PrincipalArn", "arn:aws:iam::" + CfnTemplate.ACCOUNT + ":role/GitHubPublisherRole"))))
                .isEqualTo(IamPolicy.Decision.EXPLICIT_DENY);
        assertThat(bucket.decide(new IamPolicy.Request("s3:PutObject", receipt, Map.of("aws:SecureTransport", "true",
                "aws:PrincipalArn", bridge)))).isNotEqualTo(IamPolicy.Decision.EXPLICIT_DENY);
        assertThat(scenario("CreateBucket", "false").exists("EvidenceBucketPolicy")).isFalse();

        // the operator role that runs the backfill with --invoke writes receipts too, when named
        String operator = "arn:aws:iam::" + CfnTemplate.ACCOUNT + ":role/evidence-ops";
        IamPolicy.Request byOperator = new IamPolicy.Request("s3:PutObject", receipt, Map.of("aws:SecureTransport", "true",
                "aws:PrincipalArn", operator));
        assertThat(bucket.decide(byOperator)).isEqualTo(IamPolicy.Decision.EXPLICIT_DENY);
        IamPolicy withOperator = IamPolicy.of(List.of(CfnTemplate.map(scenario("OperatorRoleArn", operator)
                .properties("EvidenceBucketPolicy").get("PolicyDocument"))));
        assertThat(withOperator.decide(byOperator)).isNotEqualTo(IamPolicy.Decision.EXPLICIT_DENY);
        assertThat(withOperator.decide(byOperator.with("aws:PrincipalArn", "arn:aws:iam::" + CfnTemplate.ACCOUNT
                + ":role/GitHubPublisherRole"))).isEqualTo(IamPolicy.Decision.EXPLICIT_DENY);
    }

    @Test
    void shouldDenyWritingAnEvidenceObjectWithoutIfNoneMatchUnlessTurnedOff() {
        IamPolicy bucket = IamPolicy.of(List.of(CfnTemplate.map(scenario().properties("EvidenceBucketPolicy").get("PolicyDocument"))));
        String prefix = String.valueOf(scenario().parameter("EvidencePrefix"));
        Map<String, String> tls = Map.of("aws:SecureTransport", "true");
        IamPolicy.Request put = new IamPolicy.Request("s3:PutObject", objectArn(prefix + "github-actions/acme/app/CI/9/1/files/r.json"),
                tls).with("s3:ObjectCreationOperation", "true");

        assertThat(bucket.decide(put)).as("PutObject or CompleteMultipartUpload without If-None-Match")
                .isEqualTo(IamPolicy.Decision.EXPLICIT_DENY);
        assertThat(bucket.decide(put.with("s3:if-none-match", "*"))).isNotEqualTo(IamPolicy.Decision.EXPLICIT_DENY);
        assertThat(bucket.decide(put.with("s3:ObjectCreationOperation", "false"))).as("UploadPart, CreateMultipartUpload")
                .isNotEqualTo(IamPolicy.Decision.EXPLICIT_DENY);
        assertThat(bucket.decide(new IamPolicy.Request("s3:PutObject", objectArn(prefix + "github-actions/acme/app/CI/9/1/manifest.json"),
                tls).with("s3:ObjectCreationOperation", "true").with("s3:if-match", "\"etag\"")))
                .as("the manifest, rewritten with If-Match by every publish step").isNotEqualTo(IamPolicy.Decision.EXPLICIT_DENY);
        IamPolicy off = IamPolicy.of(List.of(CfnTemplate.map(scenario("WriteOnceEvidence", "false")
                .properties("EvidenceBucketPolicy").get("PolicyDocument"))));
        assertThat(off.decide(put)).isNotEqualTo(IamPolicy.Decision.EXPLICIT_DENY);
    }

    @Test
    void shouldEncryptBlockPublicAccessAndLockWhenAsked() {
        Map<String, Object> bucket = scenario().properties("EvidenceBucket");
        assertThat(bucket.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of("BlockPublicAcls", true,
                "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(bucket.get("VersioningConfiguration")).isEqualTo(Map.of("Status", "Enabled"));
        assertThat(bucket).doesNotContainKeys("ObjectLockEnabled", "ObjectLockConfiguration");
        assertThat(bucket.toString()).contains("SSEAlgorithm=AES256");

        Map<String, Object> kms = scenario("Encryption", "SSE-KMS", "KmsKeyArn", KMS_KEY).properties("EvidenceBucket");
        assertThat(kms.toString()).contains("SSEAlgorithm=aws:kms", "KMSMasterKeyID=" + KMS_KEY, "BucketKeyEnabled=true");

        Map<String, Object> locked = scenario("Versioning", "false", "ObjectLockMode", "GOVERNANCE", "ObjectLockDays", "30")
                .properties("EvidenceBucket");
        assertThat(locked).containsEntry("ObjectLockEnabled", true);
        assertThat(locked.get("VersioningConfiguration")).as("Object Lock needs versioning").isEqualTo(Map.of("Status", "Enabled"));
        assertThat(locked.get("ObjectLockConfiguration")).isEqualTo(Map.of("ObjectLockEnabled", "Enabled",
                "Rule", Map.of("DefaultRetention", Map.of("Mode", "GOVERNANCE", "Days", "30"))));
        assertThat(scenario("Versioning", "false").properties("EvidenceBucket")).doesNotContainKey("VersioningConfiguration");
        assertThat(defaults.section("Rules")).containsKeys("ObjectLockNeedsANewBucket", "KmsNeedsAKey",
                "DirectDeliveryNeedsANewBucket");
    }

    // ------------------------------------------------------------------------------------------------ alarms

    @Test
    void shouldAlarmOnTheDeadLetterQueueAndOnFailures() throws Exception {
        CfnTemplate template = scenario("AlarmEmail", "ops@example.com");
        Map<String, Object> dlq = template.properties("DeadLetterQueueAlarm");
        assertThat(dlq).containsEntry("Namespace", "AWS/SQS").containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                .containsEntry("ComparisonOperator", "GreaterThanThreshold").containsEntry("Threshold", 0);
        assertThat(dlq.get("Dimensions")).isEqualTo(List.of(Map.of("Name", "QueueName", "Value", "DeadLetterQueue")));
        assertThat(dlq.get("AlarmActions")).isEqualTo(List.of("arn:aws:sns:" + CfnTemplate.REGION + ":"
                + CfnTemplate.ACCOUNT + ":AlarmTopic"));
        assertThat(template.properties("FunctionErrorsAlarm")).containsEntry("Namespace", "AWS/Lambda")
                .containsEntry("MetricName", "Errors");

        // object failures with SQS delivery are partial batch failures, not function errors: the bridge's EMF metric
        Map<String, Object> failed = template.properties("ObjectFailuresAlarm");
        assertThat(failed.get("Namespace")).isEqualTo(environment(template).get("METRICS_NAMESPACE"));
        Object[] names = Class.forName("io.evidencesync.bridge.Metrics$Name").getEnumConstants();
        assertThat(Stream.of(names).map(String::valueOf)).contains((String) failed.get("MetricName"));
        assertThat(failed.get("Dimensions")).isEqualTo(List.of(Map.of("Name", "Service", "Value", "evidence-sync-bridge")));
        Map<String, Object> rewritten = template.properties("EvidenceRewrittenAlarm");
        assertThat(rewritten.get("Namespace")).isEqualTo(failed.get("Namespace"));
        assertThat(Stream.of(names).map(String::valueOf)).contains((String) rewritten.get("MetricName"));
        assertThat(rewritten.get("Dimensions")).isEqualTo(failed.get("Dimensions"));
        assertThat(rewritten.get("AlarmActions")).isEqualTo(dlq.get("AlarmActions"));

        assertThat(scenario().properties("DeadLetterQueueAlarm")).doesNotContainKey("AlarmActions");
        assertThat(scenario("AlarmTopicArn", "arn:aws:sns:eu-west-1:111122223333:oncall").properties("DeadLetterQueueAlarm")
                .get("AlarmActions")).isEqualTo(List.of("arn:aws:sns:eu-west-1:111122223333:oncall"));
    }
}
