package io.evidencesync.sandbox.hyperproof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** A minimal Hyperproof client on the JDK HttpClient for driving the emulator in tests. */
final class HyperproofTestClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    HyperproofTestClient(URI base) {
        this.base = base;
    }

    HttpResponse<String> requestToken(String clientId, String clientSecret) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return postText("/oauth/token", "application/x-www-form-urlencoded", form);
    }

    /** A token for valid credentials; fails the test otherwise. */
    String token(String clientId, String clientSecret) throws IOException, InterruptedException {
        HttpResponse<String> response = requestToken(clientId, clientSecret);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("access_token").getAsString();
    }

    HttpResponse<String> postText(String path, String contentType, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery, String token) throws IOException, InterruptedException {
        return http.send(authorized(pathAndQuery, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String pathAndQuery, String token) throws IOException, InterruptedException {
        return http.send(authorized(pathAndQuery, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> upload(String path, String token, MultipartBody body) throws IOException, InterruptedException {
        return http.send(authorized(path, token).header("Content-Type", body.contentType()).POST(body.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder authorized(String pathAndQuery, String token) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).header("Authorization", "Bearer " + token);
    }

    static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    static JsonElement jsonElement(HttpResponse<String> response) {
        return JsonParser.parseString(response.body());
    }
}
