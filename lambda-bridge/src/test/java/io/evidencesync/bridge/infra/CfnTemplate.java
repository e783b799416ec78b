package io.evidencesync.bridge.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudFormation template evaluated for one set of parameter values, the way CloudFormation would: parameter
 * defaults, conditions, {@code Fn::If} with {@code AWS::NoValue}, {@code Fn::Sub}, {@code Fn::FindInMap},
 * {@code Fn::Join}/{@code Select}/{@code Split}. References to resources become deterministic placeholder ids and
 * ARNs (account {@value #ACCOUNT}, region {@value #REGION}); a reference to a resource whose condition is false
 * fails, as it fails in CloudFormation. SAM's {@code Function.Alias} reference resolves to the alias ARN.
 */
final class CfnTemplate {
    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-west-1";
    static final String PARTITION = "aws";
    static final String STACK = "evidence-sync";

    /** {@code AWS::NoValue}: removes the property or list element it stands in. */
    private static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Map<String, Object> template;
    private final Map<String, Object> parameters;
    private final Map<String, Boolean> conditions = new HashMap<>();

    private CfnTemplate(Map<String, Object> template, Map<String, Object> parameters) {
        this.template = template;
        this.parameters = parameters;
    }

    static CfnTemplate load(Path file) throws IOException {
        return new CfnTemplate(CfnYaml.read(file), Map.of());
    }

    /** The same template with these parameter values over the defaults. */
    CfnTemplate with(Map<String, String> values) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, Object> parameter : section("Parameters").entrySet()) {
            Map<String, Object> definition = map(parameter.getValue());
            String name = parameter.getKey();
            Object value = values.containsKey(name) ? values.get(name) : definition.get("Default");
            if (value == null) {
                throw new IllegalArgumentException("parameter " + name + " has no default and no value");
            }
            String text = String.valueOf(value);
            if (definition.containsKey("AllowedValues")) {
                List<String> allowed = list(definition.get("AllowedValues")).stream().map(String::valueOf).toList();
                if (!allowed.contains(text)) {
                    throw new IllegalArgumentException(name + "=" + text + " is not one of " + allowed);
                }
            }
            if (definition.containsKey("AllowedPattern") && !text.matches((String) definition.get("AllowedPattern"))) {
                throw new IllegalArgumentException(name + "=" + text + " does not match " + definition.get("AllowedPattern"));
            }
            resolved.put(name, "CommaDelimitedList".equals(definition.get("Type"))
                    ? Arrays.stream(text.split(",", -1)).map(String::strip).toList() : text);
        }
        for (String name : values.keySet()) {
            if (!resolved.containsKey(name)) {
                throw new IllegalArgumentException("no parameter " + name);
            }
        }
        return new CfnTemplate(template, resolved);
    }

    Map<String, Object> raw() {
        return template;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> section(String name) {
        Object section = template.get(name);
        return section == null ? Map.of() : (Map<String, Object>) section;
    }

    Object parameter(String name) {
        return parameters.get(name);
    }

    boolean condition(String name) {
        Boolean cached = conditions.get(name);
        if (cached != null) {
            return cached;
        }
        Object definition = section("Conditions").get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no condition " + name);
        }
        boolean value = (Boolean) resolve(definition);
        conditions.put(name, value);
        return value;
    }

    /** Whether the resource exists for these parameters. */
    boolean exists(String logicalId) {
        Map<String, Object> resource = map(section("Resources").get(logicalId));
        if (resource == null) {
            return false;
        }
        Object condition = resource.get("Condition");
        return condition == null || condition((String) condition);
    }

    /** The resources that exist for these parameters, each with its properties resolved. */
    Map<String, Map<String, Object>> resources() {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        for (String logicalId : section("Resources").keySet()) {
            if (exists(logicalId)) {
                resources.put(logicalId, resource(logicalId));
            }
        }
        return resources;
    }

    /** One existing resource: its type and resolved properties. */
    Map<String, Object> resource(String logicalId) {
        if (!exists(logicalId)) {
            throw new IllegalArgumentException(logicalId + " does not exist for these parameters");
        }
        Map<String, Object> resource = new LinkedHashMap<>(map(section("Resources").get(logicalId)));
        Object properties = resource.get("Properties");
        resource.put("Properties", properties == null ? Map.of() : resolve(properties));
        return resource;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> properties(String logicalId) {
        return (Map<String, Object>) resource(logicalId).get("Properties");
    }

    String type(String logicalId) {
        return (String) map(section("Resources").get(logicalId)).get("Type");
    }

    /** Resolves intrinsic functions in a fragment of the template. */
    Object resolve(Object node) {
        Object value = evaluate(node);
        return value == NO_VALUE ? null : value;
    }

    private Object evaluate(Object node) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = (String) map.keySet().iterator().next();
                Object argument = map.values().iterator().next();
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return intrinsic(key, argument);
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object value = evaluate(entry.getValue());
                if (value != NO_VALUE) {
                    result.put((String) entry.getKey(), value);
                }
            }
            return result;
        }
        if (node instanceof List<?> items) {
            List<Object> result = new ArrayList<>();
            for (Object item : items) {
                Object value = evaluate(item);
                if (value != NO_VALUE) {
                    result.add(value);
                }
            }
            return result;
        }
        return node;
    }

    private Object intrinsic(String function, Object argument) {
        switch (function) {
            case "Ref":
                return ref((String) argument);
            case "Condition":
                return condition((String) argument);
            case "Fn::GetAtt": {
                List<?> parts = list(argument);
                return getAtt((String) parts.get(0), (String) parts.get(1));
            }
            case "Fn::If": {
                List<?> parts = list(argument);
                return evaluate(condition((String) parts.get(0)) ? parts.get(1) : parts.get(2));
            }
            case "Fn::Equals": {
                List<?> parts = list(argument);
                return String.valueOf(evaluate(parts.get(0))).equals(String.valueOf(evaluate(parts.get(1))));
            }
            case "Fn::Not":
                return !(Boolean) evaluate(list(argument).get(0));
            case "Fn::And":
                return list(argument).stream().allMatch(part -> (Boolean) evaluate(part));
            case "Fn::Or":
                return list(argument).stream().anyMatch(part -> (Boolean) evaluate(part));
            case "Fn::FindInMap": {
                List<?> parts = list(argument);
                Map<String, Object> top = map(section("Mappings").get(String.valueOf(evaluate(parts.get(0)))));
                Map<String, Object> second = map(top.get(String.valueOf(evaluate(parts.get(1)))));
                Object value = second == null ? null : second.get(String.valueOf(evaluate(parts.get(2))));
                if (value == null) {
                    throw new IllegalArgumentException("Fn::FindInMap found nothing for " + parts);
                }
                return value;
            }
            case "Fn::Join": {
                List<?> parts = list(argument);
                List<?> items = list(evaluate(parts.get(1)));
                return String.join((String) parts.get(0), items.stream().map(String::valueOf).toList());
            }
            case "Fn::Split": {
                List<?> parts = list(argument);
                return Arrays.asList(String.valueOf(evaluate(parts.get(1))).split(Pattern.quote((String) parts.get(0)), -1));
            }
            case "Fn::Select": {
                List<?> parts = list(argument);
                return list(evaluate(parts.get(1))).get(Integer.parseInt(String.valueOf(evaluate(parts.get(0)))));
            }
            case "Fn::Sub":
                return sub(argument);
            default:
                throw new UnsupportedOperationException(function + " is not evaluated by this test helper");
        }
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = new HashMap<>();
        if (argument instanceof String string) {
            text = string;
        } else {
            List<?> parts = list(argument);
            text = (String) parts.get(0);
            for (Map.Entry<String, Object> entry : map(parts.get(1)).entrySet()) {
                variables.put(entry.getKey(), evaluate(entry.getValue()));
            }
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            Object value = variables.containsKey(name) ? variables.get(name)
                    : name.contains(".") && !name.startsWith("AWS::")
                    ? getAtt(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1))
                    : ref(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::Partition":
                return PARTITION;
            case "AWS::StackName":
                return STACK;
            case "AWS::NoValue":
                return NO_VALUE;
            case "AWS::URLSuffix":
                return "amazonaws.com";
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (name.endsWith(".Alias") && requireResource(name.substring(0, name.length() - ".Alias".length()))) {
            return functionArn(name.substring(0, name.length() - ".Alias".length())) + ":live";
        }
        requireResource(name);
        return switch (type(name)) {
            case "AWS::SQS::Queue" -> "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + name;
            case "AWS::IAM::ManagedPolicy" -> "arn:aws:iam::" + ACCOUNT + ":policy/" + name;
            case "AWS::SNS::Topic" -> "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + name;
            case "AWS::S3::Bucket" -> evaluate(map(properties(name)).get("BucketName"));
            case "AWS::Logs::LogGroup" -> evaluate(map(map(section("Resources").get(name)).get("Properties")).get("LogGroupName"));
            default -> name;
        };
    }

    private Object getAtt(String logicalId, String attribute) {
        requireResource(logicalId);
        String type = type(logicalId);
        return switch (type + "." + attribute) {
            case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + logicalId;
            case "AWS::SQS::Queue.QueueName" -> logicalId;
            case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + ACCOUNT + ":role/" + logicalId;
            case "AWS::Logs::LogGroup.Arn" -> "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:" + ref(logicalId) + ":*";
            case "AWS::Serverless::Function.Arn" -> functionArn(logicalId);
            case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + ref(logicalId);
            default -> logicalId + "." + attribute;
        };
    }

    private static String functionArn(String logicalId) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + logicalId;
    }

    private boolean requireResource(String logicalId) {
        if (!section("Resources").containsKey(logicalId)) {
            throw new IllegalArgumentException("reference to an unknown name: " + logicalId);
        }
        if (!exists(logicalId)) {
            throw new IllegalStateException("reference to " + logicalId + ", which does not exist for these parameters"
                    + " (CloudFormation: Unresolved resource dependencies)");
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> ? (List<Object>) value : List.of(value);
    }
}
