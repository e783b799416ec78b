package io.evidencesync.bridge.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small IAM evaluator for the statements this project writes: Allow and Deny, Action and Resource with {@code *}
 * and {@code ?} wildcards, and the condition operators StringEquals, StringLike, ArnEquals, ArnLike and Bool (a key
 * missing from the request context never matches), and Null ({@code "true"}: the key is missing). Explicit Deny wins over Allow; no Allow is an implicit deny.
 * Anything it does not understand (NotAction, NotResource, other operators) fails loudly instead of guessing.
 */
final class IamPolicy {
    enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    /** One API request as IAM sees it. */
    record Request(String action, String resource, Map<String, String> context) {
        Request(String action, String resource) {
            this(action, resource, Map.of());
        }

        Request with(String key, String value) {
            Map<String, String> more = new java.util.HashMap<>(context);
            more.put(key, value);
            return new Request(action, resource, Map.copyOf(more));
        }

        @Override
        public String toString() {
            return action + " on " + resource + (context.isEmpty() ? "" : " " + context);
        }
    }

    private final List<Map<String, Object>> statements;

    private IamPolicy(List<Map<String, Object>> statements) {
        this.statements = statements;
    }

    /** From a policy document ({@code {"Version":..., "Statement": [...]}}) or several. */
    static IamPolicy of(List<Map<String, Object>> documents) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            for (Object statement : CfnTemplate.list(document.get("Statement"))) {
                statements.add(CfnTemplate.map(statement));
            }
        }
        return new IamPolicy(statements);
    }

    List<Map<String, Object>> statements() {
        return statements;
    }

    boolean allows(Request request) {
        return decide(request) == Decision.ALLOW;
    }

    Decision decide(Request request) {
        boolean allowed = false;
        for (Map<String, Object> statement : statements) {
            for (String unsupported : List.of("NotAction", "NotResource", "NotPrincipal")) {
                if (statement.containsKey(unsupported)) {
                    throw new IllegalArgumentException(unsupported + " is not evaluated (and not wanted): " + statement);
                }
            }
            if (!matchesAny(statement.get("Action"), request.action(), true)
                    // trust policies have no Resource: the role itself is the resource
                    || statement.containsKey("Resource") && !matchesAny(statement.get("Resource"), request.resource(), false)
                    || !conditionsHold(CfnTemplate.map(statement.get("Condition")), request)) {
                continue;
            }
            if ("Deny".equals(statement.get("Effect"))) {
                return Decision.EXPLICIT_DENY;
            }
            allowed |= "Allow".equals(statement.get("Effect"));
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    private static boolean matchesAny(Object patterns, String value, boolean caseInsensitive) {
        if (patterns == null) {
            throw new IllegalArgumentException("a statement without Action or Resource");
        }
        for (Object pattern : CfnTemplate.list(patterns)) {
            if (glob((String) pattern, caseInsensitive).matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    static Pattern glob(String pattern, boolean caseInsensitive) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), caseInsensitive ? Pattern.CASE_INSENSITIVE : 0);
    }

    private static boolean conditionsHold(Map<String, Object> conditions, Request request) {
        if (conditions == null) {
            return true;
        }
        for (Map.Entry<String, Object> operator : conditions.entrySet()) {
            for (Map.Entry<String, Object> test : CfnTemplate.map(operator.getValue()).entrySet()) {
                String actual = request.context().get(test.getKey());
                if (operator.getKey().equals("Null")) {
                    if (CfnTemplate.list(test.getValue()).stream().map(String::valueOf)
                            .noneMatch(value -> Boolean.parseBoolean(value) == (actual == null))) {
                        return false;
                    }
                    continue;
                }
                if (actual == null || !anyValueMatches(operator.getKey(), CfnTemplate.list(test.getValue()), actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean anyValueMatches(String operator, List<Object> expected, String actual) {
        if (operator.equals("ArnNotEquals") || operator.equals("StringNotEquals")) {
            // negated operators hold when the value equals none of the listed values
            return expected.stream().map(String::valueOf).noneMatch(actual::equals);
        }
        for (Object value : expected) {
            String text = String.valueOf(value);
            boolean match = switch (operator) {
                case "StringEquals", "ArnEquals" -> text.equals(actual);
                case "StringLike", "ArnLike" -> glob(text, false).matcher(actual).matches();
                case "Bool" -> text.toLowerCase(Locale.ROOT).equals(actual.toLowerCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("condition operator " + operator + " is not evaluated");
            };
            if (match) {
                return true;
            }
        }
        return false;
    }
}
