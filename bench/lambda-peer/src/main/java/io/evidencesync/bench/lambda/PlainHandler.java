package io.evidencesync.bench.lambda;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.google.gson.JsonParser;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * The benchmark's peer: what a team would write first. Same calls as the bridge (S3 GetObject, SSM GetParameters,
 * token grant, multipart upload to Hyperproof), done naively: the whole object in memory, credentials and token
 * fetched on every invocation, no verification, no idempotency, no retries. Not part of the product.
 */
public class PlainHandler implements RequestHandler<S3Event, String> {
    private static final S3Client S3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
            .forcePathStyle(true).build();
    private static final SsmClient SSM = SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    public String handleRequest(S3Event event, Context context) {
        StringBuilder proofs = new StringBuilder();
        for (var record : event.getRecords()) {
            String bucket = record.getS3().getBucket().getName();
            String key = record.getS3().getObject().getUrlDecodedKey();
            byte[] body = S3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            Map<String, String> secrets = SSM.getParameters(b -> b.withDecryption(true)
                            .names(env("SSM_CLIENT_ID_PATH", "/hyperproof/CLIENT_ID"), env("SSM_SECRET_PATH", "/hyperproof/CLIENT_SECRET")))
                    .parameters().stream().collect(Collectors.toMap(Parameter::name, Parameter::value));
            String token = token(secrets.get(env("SSM_CLIENT_ID_PATH", "/hyperproof/CLIENT_ID")),
                    secrets.get(env("SSM_SECRET_PATH", "/hyperproof/CLIENT_SECRET")));
            proofs.append(upload(token, key.substring(key.lastIndexOf('/') + 1), body)).append(' ');
        }
        return proofs.toString().trim();
    }

    private static String token(String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(env("HYPERPROOF_TOKEN_URL", "https://accounts.hyperproof.app/oauth/token")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return JsonParser.parseString(send(request)).getAsJsonObject().get("access_token").getAsString();
    }

    private static String upload(String token, String filename, byte[] body) {
        String boundary = UUID.randomUUID().toString();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"proof\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        StringBuilder tail = new StringBuilder("\r\n");
        String owner = System.getenv("HYPERPROOF_OWNER_ID");
        if (owner != null) {
            tail.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"hp-proof-owned-by\"\r\n\r\n")
                    .append(owner).append("\r\n");
        }
        tail.append("--").append(boundary).append("--\r\n");
        byte[] end = tail.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length + end.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        System.arraycopy(end, 0, all, head.length + body.length, end.length);
        HttpRequest request = HttpRequest.newBuilder(URI.create(env("HYPERPROOF_API_URL", "https://api.hyperproof.app") + "/v1/proof"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(all)).build();
        return JsonParser.parseString(send(request)).getAsJsonObject().get("id").getAsString();
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.uri().getPath() + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(request.uri().getPath() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
