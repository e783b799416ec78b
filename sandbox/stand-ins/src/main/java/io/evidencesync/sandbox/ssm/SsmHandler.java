package io.evidencesync.sandbox.ssm;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.evidencesync.sandbox.http.HeaderValue;
import io.evidencesync.sandbox.http.HttpExchanges;

/**
 * Answers the SSM JSON 1.1 protocol as the AWS SDK v2 {@code SsmClient} speaks it: {@code POST /},
 * {@code X-Amz-Target: AmazonSSM.GetParameter | AmazonSSM.GetParameters},
 * {@code Content-Type: application/x-amz-json-1.1}, a SigV4 {@code Authorization} scoped to {@code ssm}.
 */
final class SsmHandler implements HttpHandler {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "AmazonSSM.";
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final int MAX_NAMES = 10;
    private static final int MAX_NAME_LENGTH = 2048;

    private final ParameterStore parameters;
    private final SsmEmulatorSettings settings;
    private final SigV4Verifier verifier;
    private final List<SsmCall> calls;
    private final Clock clock;

    SsmHandler(ParameterStore parameters, SsmEmulatorSettings settings, SigV4Verifier verifier, List<SsmCall> calls) {
        this.parameters = parameters;
        this.settings = settings;
        this.verifier = verifier;
        this.calls = calls;
        this.clock = settings.clock();
    }

    /** What one request asked for, filled in as far as parsing got (for the call record). */
    private static final class Call {
        private String operation = "";
        private List<String> names = List.of();
        private boolean withDecryption;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Call call = new Call();
        int status;
        String errorType = null;
        byte[] response;
        try {
            response = answer(exchange, call).toString().getBytes(StandardCharsets.UTF_8);
            status = 200;
        } catch (SsmException e) {
            status = e.status();
            errorType = e.type();
            JsonObject error = new JsonObject();
            error.addProperty("__type", e.type());
            error.addProperty("message", e.getMessage());
            response = error.toString().getBytes(StandardCharsets.UTF_8);
        }
        calls.add(new SsmCall(call.operation, call.names, call.withDecryption, status, errorType));
        HttpExchanges.send(exchange, status, CONTENT_TYPE, response, Map.of("x-amzn-RequestId", UUID.randomUUID().toString()));
    }

    private JsonObject answer(HttpExchange exchange, Call call) throws IOException, SsmException {
        if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getRawPath())) {
            throw new SsmException(404, "UnknownOperationException", "The SSM JSON protocol is POST /.");
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw SsmException.serialization("Request body is too large.");
        }
        Map<String, List<String>> headers = HttpExchanges.requestHeaders(exchange);
        SigV4Authorization authorization = SigV4Authorization.parse(HttpExchanges.firstValue(headers, "Authorization").orElse(null), settings.region());
        if (verifier != null) {
            verifier.verify(authorization, exchange.getRequestMethod(), "/", headers, body);
        }
        String target = HttpExchanges.firstValue(headers, "X-Amz-Target").orElse("");
        call.operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
        if (!CONTENT_TYPE.equals(HeaderValue.mediaTypeOf(HttpExchanges.firstValue(headers, "Content-Type").orElse(null)))) {
            throw SsmException.serialization("Content-Type must be " + CONTENT_TYPE + ".");
        }
        JsonObject request = parseObject(body);
        return switch (target) {
            case TARGET_PREFIX + "GetParameter" -> getParameter(request, call);
            case TARGET_PREFIX + "GetParameters" -> getParameters(request, call);
            default -> throw new SsmException(400, "UnknownOperationException", "Unknown operation " + target + ".");
        };
    }

    private JsonObject getParameter(JsonObject request, Call call) throws SsmException {
        String name = name(request.get("Name"), "name");
        call.names = List.of(name);
        call.withDecryption = withDecryption(request);
        parameters.countCall(name);
        ParameterStore.Parameter parameter = parameters.get(name)
                .orElseThrow(() -> new SsmException(400, "ParameterNotFound", "Parameter " + name + " not found."));
        JsonObject response = new JsonObject();
        response.add("Parameter", render(parameter, call.withDecryption));
        return response;
    }

    private JsonObject getParameters(JsonObject request, Call call) throws SsmException {
        JsonElement namesElement = request.get("Names");
        if (namesElement == null || !namesElement.isJsonArray()) {
            throw SsmException.validation("1 validation error detected: Value null at 'names' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonElement element : namesElement.getAsJsonArray()) {
            names.add(name(element, "names"));
        }
        if (names.isEmpty() || names.size() > MAX_NAMES) {
            throw SsmException.validation("1 validation error detected: Value at 'names' failed to satisfy constraint: "
                    + "Member must have length between 1 and " + MAX_NAMES);
        }
        call.names = List.copyOf(names);
        call.withDecryption = withDecryption(request);
        JsonArray found = new JsonArray();
        JsonArray invalid = new JsonArray();
        for (String name : names) {
            parameters.countCall(name);
            Optional<ParameterStore.Parameter> parameter = parameters.get(name);
            if (parameter.isPresent()) {
                found.add(render(parameter.get(), call.withDecryption));
            } else {
                invalid.add(name);
            }
        }
        JsonObject response = new JsonObject();
        response.add("Parameters", found);
        response.add("InvalidParameters", invalid);
        return response;
    }

    private JsonObject render(ParameterStore.Parameter parameter, boolean withDecryption) {
        boolean secure = "SecureString".equals(parameter.type());
        JsonObject json = new JsonObject();
        json.addProperty("ARN", "arn:aws:ssm:" + settings.region() + ":" + settings.accountId() + ":parameter"
                + (parameter.name().startsWith("/") ? "" : "/") + parameter.name());
        json.addProperty("DataType", "text");
        json.add("LastModifiedDate", new JsonPrimitive(
                BigDecimal.valueOf(parameter.lastModified().toEpochMilli()).movePointLeft(3)));
        json.addProperty("Name", parameter.name());
        json.addProperty("Type", parameter.type());
        json.addProperty("Value", secure && !withDecryption ? parameter.ciphertext() : parameter.value());
        json.addProperty("Version", parameter.version());
        return json;
    }

    private static String name(JsonElement element, String field) throws SsmException {
        if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
            throw SsmException.validation("1 validation error detected: Value at '" + field + "' failed to satisfy constraint: "
                    + "Member must not be null and must be a string");
        }
        String name = element.getAsString();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw SsmException.validation("1 validation error detected: Value at '" + field + "' failed to satisfy constraint: "
                    + "Member must have length between 1 and " + MAX_NAME_LENGTH);
        }
        return name;
    }

    private static boolean withDecryption(JsonObject request) throws SsmException {
        JsonElement value = request.get("WithDecryption");
        if (value == null || value.isJsonNull()) {
            return false;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw SsmException.serialization("WithDecryption must be a boolean.");
        }
        return value.getAsBoolean();
    }

    private static JsonObject parseObject(byte[] body) throws SsmException {
        try {
            JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                throw SsmException.serialization("The request body must be a JSON object.");
            }
            return parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw SsmException.serialization("The request body is not valid JSON.");
        }
    }
}
