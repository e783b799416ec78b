package io.evidencesync.sandbox;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.google.gson.JsonObject;

import io.evidencesync.sandbox.hyperproof.HyperproofEmulator;
import io.evidencesync.sandbox.hyperproof.HyperproofEmulatorSettings;
import io.evidencesync.sandbox.s3.SandboxS3;
import io.evidencesync.sandbox.ssm.SsmEmulator;
import io.evidencesync.sandbox.ssm.SsmEmulatorSettings;

/**
 * The whole local pipeline environment in one object: S3 (bucket {@value #BUCKET}, versioned), the Hyperproof
 * emulator (one service account, one owner user, the demo controls) and SSM holding that service account's
 * credentials, which are random per start and never printed.
 *
 * <p>SSM verifies SigV4 signatures against the same throwaway key pair as S3 ({@link SandboxS3#DEFAULT_ACCESS_KEY}).
 *
 * <pre>
 * try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
 *     String endpoints = sandbox.endpointsJson();
 * }
 * </pre>
 */
public final class Sandbox implements AutoCloseable {
    public static final String BUCKET = "evidence-sandbox";
    public static final String CLIENT_ID_PARAMETER = "/hyperproof/CLIENT_ID";
    public static final String CLIENT_SECRET_PARAMETER = "/hyperproof/CLIENT_SECRET";
    /** Controls seeded by identifier, with their names. */
    public static final Map<String, String> CONTROLS = seededControls();

    private final SandboxS3 s3;
    private final HyperproofEmulator hyperproof;
    private final SsmEmulator ssm;
    private final UUID ownerUserId;
    private final Map<String, UUID> controlIds;
    private boolean closed;

    private Sandbox(SandboxS3 s3, HyperproofEmulator hyperproof, SsmEmulator ssm, UUID ownerUserId, Map<String, UUID> controlIds) {
        this.s3 = s3;
        this.hyperproof = hyperproof;
        this.ssm = ssm;
        this.ownerUserId = ownerUserId;
        this.controlIds = Map.copyOf(controlIds);
    }

    /** Starts and seeds all three stand-ins; on failure, whatever was started is stopped again. */
    public static Sandbox start(SandboxOptions options) throws Exception {
        SandboxS3 s3 = SandboxS3.start(SandboxS3.DEFAULT_ACCESS_KEY, SandboxS3.DEFAULT_SECRET_KEY, options.s3Port());
        HyperproofEmulator hyperproof = null;
        try {
            s3.createBucket(BUCKET, true);
            hyperproof = HyperproofEmulator.start(HyperproofEmulatorSettings.defaults().withPort(options.hyperproofPort()));
            SsmEmulator ssm = SsmEmulator.start(SsmEmulatorSettings.defaults()
                    .withPort(options.ssmPort())
                    .withRegion(s3.region())
                    .withCredentials(s3.accessKey(), s3.secretKey()));
            SecureRandom random = new SecureRandom();
            String clientId = HexFormat.of().formatHex(bytes(random, 16));
            String clientSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(random, 36));
            hyperproof.addServiceAccount(clientId, clientSecret);
            ssm.putSecureString(CLIENT_ID_PARAMETER, clientId);
            ssm.putSecureString(CLIENT_SECRET_PARAMETER, clientSecret);
            UUID owner = hyperproof.addUser("evidence-owner@sandbox.invalid", "Evidence", "Owner");
            Map<String, UUID> controls = new LinkedHashMap<>();
            for (Map.Entry<String, String> control : CONTROLS.entrySet()) {
                controls.put(control.getKey(), hyperproof.addControl(control.getKey(), control.getValue()));
            }
            return new Sandbox(s3, hyperproof, ssm, owner, controls);
        } catch (Exception | Error e) {
            if (hyperproof != null) {
                hyperproof.close();
            }
            s3.close();
            throw e;
        }
    }

    public SandboxS3 s3() {
        return s3;
    }

    public HyperproofEmulator hyperproof() {
        return hyperproof;
    }

    public SsmEmulator ssm() {
        return ssm;
    }

    /** The seeded user to name in {@code hp-proof-owned-by}. */
    public UUID ownerUserId() {
        return ownerUserId;
    }

    /** Hyperproof control UUIDs by control identifier. */
    public Map<String, UUID> controlIds() {
        return controlIds;
    }

    /**
     * One line of JSON with everything a client needs to reach the stand-ins: endpoints, region, bucket, the S3
     * sandbox key pair (a throwaway, also accepted by SSM), the SSM parameter names, owner and control ids. The
     * Hyperproof client id and secret are not in it: read them from SSM.
     */
    public String endpointsJson() {
        JsonObject s3Json = new JsonObject();
        s3Json.addProperty("endpoint", s3.endpoint().toString());
        s3Json.addProperty("accessKey", s3.accessKey());
        s3Json.addProperty("secretKey", s3.secretKey());
        s3Json.addProperty("region", s3.region());
        s3Json.addProperty("bucket", BUCKET);
        s3Json.addProperty("pathStyle", true);
        JsonObject controls = new JsonObject();
        controlIds.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> controls.addProperty(entry.getKey(), entry.getValue().toString()));
        JsonObject hyperproofJson = new JsonObject();
        hyperproofJson.addProperty("apiUrl", hyperproof.baseUri().toString());
        hyperproofJson.addProperty("tokenUrl", hyperproof.tokenUri().toString());
        hyperproofJson.addProperty("ownerUserId", ownerUserId.toString());
        hyperproofJson.add("controls", controls);
        JsonObject ssmJson = new JsonObject();
        ssmJson.addProperty("endpoint", ssm.endpoint().toString());
        ssmJson.addProperty("region", ssm.region());
        ssmJson.addProperty("accessKey", s3.accessKey());
        ssmJson.addProperty("secretKey", s3.secretKey());
        ssmJson.addProperty("clientIdParameter", CLIENT_ID_PARAMETER);
        ssmJson.addProperty("clientSecretParameter", CLIENT_SECRET_PARAMETER);
        JsonObject endpoints = new JsonObject();
        endpoints.add("s3", s3Json);
        endpoints.add("hyperproof", hyperproofJson);
        endpoints.add("ssm", ssmJson);
        return endpoints.toString();
    }

    /** Stops everything; safe to call twice and from a shutdown hook. */
    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        Exception failure = null;
        for (AutoCloseable standIn : List.<AutoCloseable>of(ssm, hyperproof, s3)) {
            try {
                standIn.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static byte[] bytes(SecureRandom random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Map<String, String> seededControls() {
        Map<String, String> controls = new LinkedHashMap<>();
        controls.put("OSPS-QA-07.01", "OSPS Baseline QA-07.01");
        controls.put("SOC2-CC7.2", "SOC 2 CC7.2: monitoring of system components");
        return Collections.unmodifiableMap(controls);
    }
}
