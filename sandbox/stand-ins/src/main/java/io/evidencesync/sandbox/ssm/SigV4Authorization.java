package io.evidencesync.sandbox.ssm;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a SigV4 {@code Authorization} header:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20260301/us-east-1/ssm/aws4_request, SignedHeaders=host;x-amz-date, Signature=hex}.
 */
record SigV4Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
        String signature) {
    private static final Pattern HEADER = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,\\s*"
                    + "SignedHeaders=([a-z0-9;\\-]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");

    SigV4Authorization {
        signedHeaders = List.copyOf(signedHeaders);
    }

    /**
     * Parses the header and checks what AWS checks before the signature itself.
     *
     * @throws SsmException {@code MissingAuthenticationTokenException} without a header,
     *                      {@code IncompleteSignatureException} for a malformed one, {@code InvalidSignatureException}
     *                      when the scope names another service or region or the headers lack {@code host}/{@code x-amz-date}
     */
    static SigV4Authorization parse(String header, String expectedRegion) throws SsmException {
        if (header == null || header.isBlank()) {
            throw new SsmException(400, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        Matcher matcher = HEADER.matcher(header.trim());
        if (!matcher.matches()) {
            throw new SsmException(400, "IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' in AWS4-HMAC-SHA256 form.");
        }
        SigV4Authorization authorization = new SigV4Authorization(matcher.group(1), matcher.group(2), matcher.group(3),
                matcher.group(4), Arrays.asList(matcher.group(5).split(";")), matcher.group(6));
        if (!"ssm".equals(authorization.service())) {
            throw SsmException.invalidSignature("Credential should be scoped to correct service: 'ssm'.");
        }
        if (!expectedRegion.equals(authorization.region())) {
            throw SsmException.invalidSignature("Credential should be scoped to a valid region, not '" + authorization.region()
                    + "'. This endpoint serves " + expectedRegion + ".");
        }
        if (!authorization.signedHeaders().contains("host") || !authorization.signedHeaders().contains("x-amz-date")) {
            throw SsmException.invalidSignature("SignedHeaders must include host and x-amz-date.");
        }
        return authorization;
    }

    @Override
    public String toString() {
        return "SigV4Authorization[accessKeyId=" + accessKeyId + ", scope=" + date + "/" + region + "/" + service
                + ", signedHeaders=" + String.join(";", signedHeaders).toLowerCase(Locale.ROOT) + "]";
    }
}
