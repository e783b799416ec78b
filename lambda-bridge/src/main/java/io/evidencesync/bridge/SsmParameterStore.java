package io.evidencesync.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.evidencesync.core.EvidenceException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * SSM {@code GetParameters} with decryption over the AWS JSON 1.1 protocol, SigV4-signed with the SDK's signer and
 * sent with the same SDK HTTP client as S3. This replaces the SDK's {@code ssm} client (6 MB of generated model
 * classes for one call), keeping the deployment jar small; credentials still come from the SDK's default chain.
 */
final class SsmParameterStore implements ParameterStore {
    private static final int MAX_ATTEMPTS = 3;

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI endpoint;

    SsmParameterStore(SdkHttpClient http, AwsCredentialsProvider credentials, String region, URI endpointOverride) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpointOverride != null ? endpointOverride
                : URI.create("https://ssm." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com"));
    }

    @Override
    public Map<String, String> getDecrypted(List<String> names) {
        JsonObject request = new JsonObject();
        JsonArray array = new JsonArray();
        names.forEach(array::add);
        request.add("Names", array);
        request.addProperty("WithDecryption", true);
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        EvidenceException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                return parse(names, send(body));
            } catch (RetryableSsmException e) {
                last = new EvidenceException(e.getMessage(), e);
                sleep(200L << attempt);
            }
        }
        throw last;
    }

    private String send(byte[] body) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM.GetParameters")
                .build();
        SignedRequest signed;
        try {
            signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials())
                    .request(unsigned)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        } catch (RuntimeException e) {
            throw new EvidenceException("cannot sign the SSM request: no usable AWS credentials (" + e.getMessage() + ")", e);
        }
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request()).contentStreamProvider(signed.payload().orElse(null)).build()).call();
            String text = read(response);
            int status = response.httpResponse().statusCode();
            if (status / 100 == 2) {
                return text;
            }
            String type = errorType(text);
            if (status >= 500 || type.contains("Throttl") || type.contains("TooManyUpdates")) {
                throw new RetryableSsmException("SSM GetParameters failed: " + status + " " + type);
            }
            throw new EvidenceException("SSM GetParameters failed: " + status + " " + type
                    + " (the function needs ssm:GetParameters on the parameters and kms:Decrypt on their key)");
        } catch (IOException e) {
            throw new RetryableSsmException("cannot reach SSM at " + endpoint + ": " + e.getMessage());
        }
    }

    private static Map<String, String> parse(List<String> names, String text) {
        JsonObject response;
        try {
            response = JsonParser.parseString(text).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new EvidenceException("SSM GetParameters returned something that is not JSON", e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        JsonArray parameters = response.has("Parameters") ? response.getAsJsonArray("Parameters") : new JsonArray();
        for (JsonElement element : parameters) {
            JsonObject parameter = element.getAsJsonObject();
            values.put(parameter.get("Name").getAsString(), parameter.get("Value").getAsString());
        }
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!values.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new EvidenceException("SSM parameter(s) not found: " + missing + " (check " + BridgeConfig.SSM_CLIENT_ID_PATH
                    + " / " + BridgeConfig.SSM_SECRET_PATH + " and the function's region)");
        }
        return values;
    }

    private static String errorType(String text) {
        try {
            JsonObject error = JsonParser.parseString(text).getAsJsonObject();
            String type = error.has("__type") ? error.get("__type").getAsString() : "";
            type = type.substring(type.lastIndexOf('#') + 1);
            String message = error.has("message") ? error.get("message").getAsString()
                    : error.has("Message") ? error.get("Message").getAsString() : "";
            return (type + " " + message).strip();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String read(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return "";
        }
        try (InputStream in = response.responseBody().get()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvidenceException("interrupted while reading SSM parameters", e);
        }
    }

    private static final class RetryableSsmException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetryableSsmException(String message) {
            super(message);
        }
    }
}
