package io.evidencesync.sandbox.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;

class SsmEmulatorTest {
    private static final String ACCESS_KEY = "AKIDSSMTEST";
    private static final String SECRET_KEY = "ssm-test-secret";
    private static final String CLIENT_SECRET = "hp-client-secret-value";

    @RegisterExtension
    static final SsmEmulatorExtension SSM = new SsmEmulatorExtension(
            SsmEmulatorSettings.defaults().withCredentials(ACCESS_KEY, SECRET_KEY));

    private SsmClient ssm;

    @BeforeAll
    static void seed() {
        SSM.emulator().putSecureString("/hyperproof/CLIENT_ID", "client-id-value");
        SSM.emulator().putSecureString("/hyperproof/CLIENT_SECRET", CLIENT_SECRET);
        SSM.emulator().putString("/evidence/bucket", "evidence-sandbox");
    }

    @BeforeEach
    void setUp() {
        ssm = client(ACCESS_KEY, SECRET_KEY, Region.US_EAST_1);
    }

    @AfterEach
    void tearDown() {
        ssm.close();
    }

    @Test
    void shouldReturnADecryptedSecureStringToTheSdkClient() {
        Parameter parameter = ssm.getParameter(r -> r.name("/hyperproof/CLIENT_SECRET").withDecryption(true)).parameter();

        assertThat(parameter.value()).isEqualTo(CLIENT_SECRET);
        assertThat(parameter.type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(parameter.name()).isEqualTo("/hyperproof/CLIENT_SECRET");
        assertThat(parameter.version()).isEqualTo(1L);
        assertThat(parameter.arn()).isEqualTo("arn:aws:ssm:us-east-1:000000000000:parameter/hyperproof/CLIENT_SECRET");
        assertThat(parameter.lastModifiedDate()).isNotNull();
    }

    @Test
    void shouldReturnOpaqueCiphertextForASecureStringWithoutDecryption() {
        String value = ssm.getParameter(r -> r.name("/hyperproof/CLIENT_SECRET")).parameter().value();

        assertThat(value).isNotEqualTo(CLIENT_SECRET).doesNotContain(CLIENT_SECRET).startsWith("AQICAH");
        assertThat(Base64.getDecoder().decode(value)).hasSizeGreaterThan(150);
    }

    @Test
    void shouldReturnPlainStringsWithOrWithoutDecryption() {
        assertThat(ssm.getParameter(r -> r.name("/evidence/bucket")).parameter().value()).isEqualTo("evidence-sandbox");
        assertThat(ssm.getParameter(r -> r.name("/evidence/bucket").withDecryption(true)).parameter().value())
                .isEqualTo("evidence-sandbox");
    }

    @Test
    void shouldMapAMissingParameterToParameterNotFoundException() {
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/hyperproof/MISSING").withDecryption(true)))
                .isInstanceOfSatisfying(ParameterNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ParameterNotFound");
                });
    }

    @Test
    void shouldReturnFoundAndInvalidParametersFromGetParameters() {
        GetParametersResponse response = ssm.getParameters(r -> r
                .names("/hyperproof/CLIENT_ID", "/hyperproof/MISSING", "/hyperproof/CLIENT_SECRET").withDecryption(true));

        assertThat(response.parameters()).extracting(Parameter::name, Parameter::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/hyperproof/CLIENT_ID", "client-id-value"),
                org.assertj.core.groups.Tuple.tuple("/hyperproof/CLIENT_SECRET", CLIENT_SECRET));
        assertThat(response.invalidParameters()).containsExactly("/hyperproof/MISSING");
    }

    @Test
    void shouldRejectMoreThanTenNamesWithValidationException() {
        String[] names = new String[11];
        for (int i = 0; i < names.length; i++) {
            names[i] = "/p/" + i;
        }

        assertThatThrownBy(() -> ssm.getParameters(r -> r.names(names)))
                .isInstanceOfSatisfying(SsmException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void shouldCountCallsPerNameAndRecordThemWithoutValues() {
        ssm.getParameter(r -> r.name("/hyperproof/CLIENT_ID").withDecryption(true));
        ssm.getParameters(r -> r.names("/hyperproof/CLIENT_ID", "/hyperproof/CLIENT_SECRET").withDecryption(true));

        assertThat(SSM.emulator().callCount("/hyperproof/CLIENT_ID")).isEqualTo(2);
        assertThat(SSM.emulator().callCount("/hyperproof/CLIENT_SECRET")).isEqualTo(1);
        assertThat(SSM.emulator().callCount("/evidence/bucket")).isZero();
        assertThat(SSM.emulator().calls()).extracting(SsmCall::operation, SsmCall::withDecryption, SsmCall::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GetParameter", true, 200),
                        org.assertj.core.groups.Tuple.tuple("GetParameters", true, 200));
        assertThat(SSM.emulator().calls().toString()).doesNotContain(CLIENT_SECRET);
    }

    @Test
    void shouldBumpTheVersionWhenAParameterIsOverwritten() {
        SSM.emulator().putString("/evidence/prefix", "a/");
        SSM.emulator().putString("/evidence/prefix", "b/");

        Parameter parameter = ssm.getParameter(r -> r.name("/evidence/prefix")).parameter();

        assertThat(parameter.value()).isEqualTo("b/");
        assertThat(parameter.version()).isEqualTo(2L);
    }

    @Test
    void shouldRejectAWrongSecretKeyAnUnknownAccessKeyAndAnotherRegion() {
        try (SsmClient wrongSecret = client(ACCESS_KEY, "not-the-secret", Region.US_EAST_1);
                SsmClient otherKey = client("AKIDOTHER", SECRET_KEY, Region.US_EAST_1);
                SsmClient otherRegion = client(ACCESS_KEY, SECRET_KEY, Region.EU_WEST_1)) {
            assertThatThrownBy(() -> wrongSecret.getParameter(r -> r.name("/evidence/bucket")))
                    .isInstanceOfSatisfying(SsmException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
            assertThatThrownBy(() -> otherKey.getParameter(r -> r.name("/evidence/bucket")))
                    .isInstanceOfSatisfying(SsmException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
            assertThatThrownBy(() -> otherRegion.getParameter(r -> r.name("/evidence/bucket")))
                    .isInstanceOfSatisfying(SsmException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
        }
        assertThat(SSM.emulator().callCount("/evidence/bucket")).isZero();
    }

    @Test
    void shouldRejectUnsignedRequestsAndSignaturesScopedToAnotherService() throws Exception {
        HttpResponse<String> unsigned = rawPost(null);
        HttpResponse<String> s3Scoped = rawPost("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20260301/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64));

        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(errorType(unsigned)).isEqualTo("MissingAuthenticationTokenException");
        assertThat(s3Scoped.statusCode()).isEqualTo(400);
        assertThat(errorType(s3Scoped)).isEqualTo("InvalidSignatureException");
        assertThat(JsonParser.parseString(s3Scoped.body()).getAsJsonObject().get("message").getAsString()).contains("'ssm'");
    }

    @Test
    void shouldRejectASignatureMoreThanFifteenMinutesFromTheEmulatorsClock() throws Exception {
        Clock anHourAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
        try (SsmEmulator skewed = SsmEmulator.start(SsmEmulatorSettings.defaults().withClock(anHourAgo)
                .withCredentials(ACCESS_KEY, SECRET_KEY));
                SsmClient client = client(skewed, ACCESS_KEY, SECRET_KEY, Region.US_EAST_1)) {
            skewed.putString("/p", "v");

            assertThatThrownBy(() -> client.getParameter(r -> r.name("/p")))
                    .isInstanceOfSatisfying(SsmException.class,
                            e -> assertThat(e.awsErrorDetails().errorMessage()).startsWith("Signature expired"));
        }
    }

    @Test
    void shouldAcceptAnyKeyButStillCheckTheScopeWhenNoCredentialsAreConfigured() throws Exception {
        try (SsmEmulator lenient = SsmEmulator.start();
                SsmClient anyKey = client(lenient, "AKIDANY", "any-secret", Region.US_EAST_1);
                SsmClient otherRegion = client(lenient, "AKIDANY", "any-secret", Region.EU_WEST_1)) {
            lenient.putString("/p", "v");

            assertThat(anyKey.getParameter(r -> r.name("/p")).parameter().value()).isEqualTo("v");
            assertThatThrownBy(() -> otherRegion.getParameter(r -> r.name("/p")))
                    .isInstanceOfSatisfying(SsmException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
        }
    }

    private static SsmClient client(String accessKey, String secretKey, Region region) {
        return client(SSM.emulator(), accessKey, secretKey, region);
    }

    private static SsmClient client(SsmEmulator emulator, String accessKey, String secretKey, Region region) {
        return SsmClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    private static HttpResponse<String> rawPost(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(SSM.emulator().endpoint().resolve("/"))
                .header("X-Amz-Target", "AmazonSSM.GetParameter")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"/evidence/bucket\"}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String errorType(HttpResponse<String> response) {
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        return body.get("__type").getAsString();
    }
}
