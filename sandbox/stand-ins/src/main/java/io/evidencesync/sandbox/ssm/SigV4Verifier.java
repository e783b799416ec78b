package io.evidencesync.sandbox.ssm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Verifies a SigV4 signature by signing the same request again with the AWS SDK's own {@link AwsV4HttpSigner}
 * (same signed headers, body, time and key) and comparing the signatures, instead of re-implementing SigV4.
 */
final class SigV4Verifier {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final Pattern SIGNATURE = Pattern.compile("Signature=([0-9a-f]{64})");

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    SigV4Verifier(String accessKeyId, String secretAccessKey, String region, Clock clock) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.region = region;
        this.clock = clock;
    }

    /**
     * @param headers the request headers, names matched case-insensitively
     * @throws SsmException {@code UnrecognizedClientException} for another access key,
     *                      {@code InvalidSignatureException} for a stale date or a signature that does not match
     */
    void verify(SigV4Authorization authorization, String method, String path, Map<String, List<String>> headers, byte[] body)
            throws SsmException {
        if (!accessKeyId.equals(authorization.accessKeyId())) {
            throw new SsmException(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        Instant signedAt = signedAt(headers, authorization);
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .protocol("http")
                .host("127.0.0.1")
                .encodedPath(path);
        for (String name : authorization.signedHeaders()) {
            List<String> values = headers.get(name);
            if (values == null) {
                throw SsmException.invalidSignature("Signed header '" + name + "' is missing from the request.");
            }
            request.putHeader(name, values);
        }
        SignedRequest signed = signer.sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        String expected = signed.request().firstMatchingHeader("Authorization")
                .map(SIGNATURE::matcher)
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1))
                .orElseThrow(() -> new IllegalStateException("the SDK signer produced no signature"));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw SsmException.invalidSignature("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method.");
        }
    }

    private Instant signedAt(Map<String, List<String>> headers, SigV4Authorization authorization) throws SsmException {
        List<String> values = headers.get("X-Amz-Date");
        if (values == null || values.isEmpty()) {
            throw SsmException.invalidSignature("X-Amz-Date header is missing.");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(values.get(0)));
        } catch (DateTimeParseException e) {
            throw SsmException.invalidSignature("X-Amz-Date is not yyyyMMdd'T'HHmmss'Z'.");
        }
        if (!values.get(0).startsWith(authorization.date())) {
            throw SsmException.invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.");
        }
        Duration skew = Duration.between(signedAt, clock.instant()).abs();
        if (skew.compareTo(MAX_SKEW) > 0) {
            throw SsmException.invalidSignature("Signature expired: " + values.get(0) + " is more than 15 minutes from the server time "
                    + AMZ_DATE.format(clock.instant()) + ".");
        }
        return signedAt;
    }
}
