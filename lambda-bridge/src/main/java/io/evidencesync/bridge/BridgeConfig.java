package io.evidencesync.bridge;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.hyperproof.HyperproofEndpoints;

/**
 * The bridge's configuration, read once from the environment; every variable is listed in CONFIGURATION.md.
 * Invalid values fail the function's initialisation with a message naming the variable.
 *
 * @param clientIdPath     SSM SecureString holding the Hyperproof client id
 * @param clientSecretPath SSM SecureString holding the Hyperproof client secret
 * @param controlId        default control (UUID or controlIdentifier), or null
 * @param controlMap       evidence control id (e.g. OSPS-QA-07.01) to Hyperproof control (UUID or controlIdentifier)
 * @param endpoints        Hyperproof API and token URLs
 * @param ownerId          {@code hp-proof-owned-by}, or null
 * @param allowedBuckets   buckets the bridge may read; empty allows any
 * @param receiptsPrefix   where receipts are written (normalised, ends in '/')
 * @param region           AWS region
 * @param s3Endpoint       S3 endpoint override ({@code AWS_ENDPOINT_URL_S3}, else {@code AWS_ENDPOINT_URL}), or null
 *                         for AWS's regional endpoint
 * @param s3PathStyle      path-style S3 addressing (set when an S3 endpoint override is configured)
 * @param ssmEndpoint      SSM endpoint override, or null for {@code https://ssm.<region>.amazonaws.com}
 * @param secretsTtl       how long the SSM values are cached
 * @param controlsTtl      how long the Hyperproof controls list is cached
 * @param staleClaimAfter  when a claim without a result is taken over (must exceed the function timeout)
 * @param metricsNamespace CloudWatch namespace of the EMF metrics
 */
public record BridgeConfig(
        String clientIdPath,
        String clientSecretPath,
        String controlId,
        Map<String, String> controlMap,
        HyperproofEndpoints endpoints,
        String ownerId,
        Set<String> allowedBuckets,
        String receiptsPrefix,
        String region,
        URI s3Endpoint,
        boolean s3PathStyle,
        URI ssmEndpoint,
        Duration secretsTtl,
        Duration controlsTtl,
        Duration staleClaimAfter,
        String metricsNamespace) {

    public static final String SSM_CLIENT_ID_PATH = "SSM_CLIENT_ID_PATH";
    public static final String SSM_SECRET_PATH = "SSM_SECRET_PATH";
    public static final String CONTROL_ID = "CONTROL_ID";
    public static final String CONTROL_MAP = "CONTROL_MAP";
    public static final String HYPERPROOF_API_URL = "HYPERPROOF_API_URL";
    public static final String HYPERPROOF_TOKEN_URL = "HYPERPROOF_TOKEN_URL";
    public static final String HYPERPROOF_OWNER_ID = "HYPERPROOF_OWNER_ID";
    public static final String ALLOWED_BUCKETS = "ALLOWED_BUCKETS";
    public static final String RECEIPTS_PREFIX = "RECEIPTS_PREFIX";
    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String AWS_ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
    public static final String AWS_ENDPOINT_URL_SSM = "AWS_ENDPOINT_URL_SSM";
    public static final String SECRETS_CACHE_SECONDS = "SECRETS_CACHE_SECONDS";
    public static final String CONTROLS_CACHE_SECONDS = "CONTROLS_CACHE_SECONDS";
    public static final String CLAIM_STALE_AFTER_SECONDS = "CLAIM_STALE_AFTER_SECONDS";
    public static final String METRICS_NAMESPACE = "METRICS_NAMESPACE";

    public static final String DEFAULT_CLIENT_ID_PATH = "/hyperproof/CLIENT_ID";
    public static final String DEFAULT_SECRET_PATH = "/hyperproof/CLIENT_SECRET";

    public BridgeConfig {
        controlMap = Map.copyOf(controlMap);
        allowedBuckets = Set.copyOf(allowedBuckets);
    }

    public static BridgeConfig fromEnvironment(Map<String, String> env) {
        String region = value(env, AWS_REGION, null);
        if (region == null) {
            region = value(env, "AWS_DEFAULT_REGION", null);
        }
        if (region == null) {
            throw new EvidenceException(AWS_REGION + " is not set (the Lambda runtime sets it; set it when running"
                    + " elsewhere)");
        }
        String ssmOverride = value(env, AWS_ENDPOINT_URL_SSM, value(env, AWS_ENDPOINT_URL, null));
        String s3Override = value(env, AWS_ENDPOINT_URL_S3, value(env, AWS_ENDPOINT_URL, null));
        String receipts = value(env, RECEIPTS_PREFIX, EvidenceContract.DEFAULT_RECEIPTS_PREFIX);
        String normalisedReceipts;
        try {
            normalisedReceipts = EvidenceContract.normalizePrefix(receipts);
        } catch (EvidenceException e) {
            throw new EvidenceException(RECEIPTS_PREFIX + ": " + e.getMessage(), e);
        }
        if (normalisedReceipts.isEmpty()) {
            throw new EvidenceException(RECEIPTS_PREFIX + " must not be empty: receipts need their own prefix");
        }
        int receiptsBytes = normalisedReceipts.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (receiptsBytes > EvidenceContract.MAX_RECEIPTS_PREFIX_BYTES) {
            throw new EvidenceException(RECEIPTS_PREFIX + " is " + receiptsBytes + " bytes; at most "
                    + EvidenceContract.MAX_RECEIPTS_PREFIX_BYTES + " leave every receipt key within S3's 1024 (publishers"
                    + " keep evidence keys " + EvidenceContract.RECEIPT_KEY_ROOM + " bytes short of it)");
        }
        return new BridgeConfig(
                parameterPath(env, SSM_CLIENT_ID_PATH, DEFAULT_CLIENT_ID_PATH),
                parameterPath(env, SSM_SECRET_PATH, DEFAULT_SECRET_PATH),
                value(env, CONTROL_ID, null),
                controlMap(value(env, CONTROL_MAP, null)),
                new HyperproofEndpoints(
                        HyperproofEndpoints.parse(HYPERPROOF_API_URL, value(env, HYPERPROOF_API_URL, HyperproofEndpoints.US_API)),
                        HyperproofEndpoints.parse(HYPERPROOF_TOKEN_URL,
                                value(env, HYPERPROOF_TOKEN_URL, HyperproofEndpoints.US_TOKEN))),
                value(env, HYPERPROOF_OWNER_ID, null),
                buckets(value(env, ALLOWED_BUCKETS, null)),
                normalisedReceipts,
                region,
                s3Override == null ? null : endpoint(value(env, AWS_ENDPOINT_URL_S3, null) != null ? AWS_ENDPOINT_URL_S3
                        : AWS_ENDPOINT_URL, s3Override),
                s3Override != null,
                ssmOverride == null ? null : endpoint(value(env, AWS_ENDPOINT_URL_SSM, null) != null ? AWS_ENDPOINT_URL_SSM
                        : AWS_ENDPOINT_URL, ssmOverride),
                seconds(env, SECRETS_CACHE_SECONDS, 300, 0),
                seconds(env, CONTROLS_CACHE_SECONDS, 300, 0),
                seconds(env, CLAIM_STALE_AFTER_SECONDS, 900, 60),
                value(env, METRICS_NAMESPACE, "EvidenceSync"));
    }

    public boolean bucketAllowed(String bucket) {
        return allowedBuckets.isEmpty() || allowedBuckets.contains(bucket);
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String parameterPath(Map<String, String> env, String name, String fallback) {
        String path = value(env, name, fallback);
        if (!path.matches("[A-Za-z0-9_.\\-/]{1,2048}")) {
            throw new EvidenceException(name + " is not an SSM parameter name or path: '" + path + "'");
        }
        return path;
    }

    private static Map<String, String> controlMap(String json) {
        if (json == null) {
            return Map.of();
        }
        JsonElement element;
        try {
            element = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new EvidenceException(CONTROL_MAP + " is not valid JSON: " + e.getMessage()
                    + "; expected an object such as {\"OSPS-QA-07.01\": \"<Hyperproof control UUID or identifier>\"}", e);
        }
        if (!element.isJsonObject()) {
            throw new EvidenceException(CONTROL_MAP + " must be a JSON object mapping evidence control ids to"
                    + " Hyperproof controls, e.g. {\"OSPS-QA-07.01\": \"CC-1.2\"}");
        }
        Map<String, String> map = new LinkedHashMap<>();
        JsonObject object = element.getAsJsonObject();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            JsonElement target = entry.getValue();
            if (!target.isJsonPrimitive() || !target.getAsJsonPrimitive().isString() || target.getAsString().isBlank()) {
                throw new EvidenceException(CONTROL_MAP + ": the value for '" + entry.getKey()
                        + "' must be a non-empty string (a Hyperproof control UUID or controlIdentifier)");
            }
            map.put(entry.getKey().strip(), target.getAsString().strip());
        }
        return map;
    }

    private static Set<String> buckets(String list) {
        if (list == null) {
            return Set.of();
        }
        Set<String> buckets = Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String bucket : buckets) {
            if (!bucket.matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
                throw new EvidenceException(ALLOWED_BUCKETS + ": '" + bucket + "' is not a valid S3 bucket name");
            }
        }
        return buckets;
    }

    private static Duration seconds(Map<String, String> env, String name, long fallback, long minimum) {
        String text = value(env, name, null);
        if (text == null) {
            return Duration.ofSeconds(fallback);
        }
        try {
            long seconds = Long.parseLong(text);
            if (seconds < minimum) {
                throw new EvidenceException(name + " must be at least " + minimum + " seconds, was " + seconds);
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new EvidenceException(name + " must be a whole number of seconds, was '" + text + "'", e);
        }
    }

    private static URI endpoint(String name, String value) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new EvidenceException(name + " must be an absolute URL, was '" + value + "'", e);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new EvidenceException(name + " must be an absolute URL, was '" + value + "'");
        }
        return uri;
    }
}
