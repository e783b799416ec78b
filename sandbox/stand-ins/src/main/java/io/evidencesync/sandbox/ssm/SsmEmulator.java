package io.evidencesync.sandbox.ssm;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.evidencesync.sandbox.http.LoopbackHttpServer;

/**
 * A local stand-in for AWS Systems Manager Parameter Store ({@code GetParameter} and {@code GetParameters}), speaking
 * the JSON 1.1 protocol exactly as the AWS SDK v2 {@code SsmClient} sends it, on {@code http://127.0.0.1:PORT}.
 *
 * <p>SecureString values are returned in plain text only with {@code WithDecryption: true}; otherwise the value is
 * an opaque base64 blob, as AWS returns the KMS ciphertext. A missing parameter is
 * {@code 400 {"__type":"ParameterNotFound"}} for {@code GetParameter} (the SDK throws
 * {@code ParameterNotFoundException}) and an entry in {@code InvalidParameters} for {@code GetParameters}. Every
 * request needs a SigV4 {@code Authorization} scoped to {@code …/REGION/ssm/aws4_request}; with
 * {@link SsmEmulatorSettings#withCredentials} the signature itself is verified too. Not emulated: version or label
 * selectors ({@code name:3}), ARNs as names, {@code GetParametersByPath}, writes over the API.
 *
 * <pre>
 * try (SsmEmulator ssm = SsmEmulator.start()) {
 *     ssm.putSecureString("/hyperproof/CLIENT_SECRET", "s3cr3t");
 *     SsmClient client = SsmClient.builder().endpointOverride(ssm.endpoint()).region(Region.US_EAST_1)...build();
 *     ...
 *     assertThat(ssm.callCount("/hyperproof/CLIENT_SECRET")).isEqualTo(1);
 * }
 * </pre>
 */
public final class SsmEmulator implements AutoCloseable {
    private final SsmEmulatorSettings settings;
    private final LoopbackHttpServer server;
    private final ParameterStore parameters;
    private final List<SsmCall> calls;

    private SsmEmulator(SsmEmulatorSettings settings, LoopbackHttpServer server, ParameterStore parameters, List<SsmCall> calls) {
        this.settings = settings;
        this.server = server;
        this.parameters = parameters;
        this.calls = calls;
    }

    /** Starts with {@link SsmEmulatorSettings#defaults()}. */
    public static SsmEmulator start() throws IOException {
        return start(SsmEmulatorSettings.defaults());
    }

    public static SsmEmulator start(SsmEmulatorSettings settings) throws IOException {
        ParameterStore parameters = new ParameterStore();
        List<SsmCall> calls = new CopyOnWriteArrayList<>();
        SigV4Verifier verifier = settings.verifiesSignatures()
                ? new SigV4Verifier(settings.accessKeyId(), settings.secretAccessKey(), settings.region(), settings.clock())
                : null;
        LoopbackHttpServer server = LoopbackHttpServer.start("ssm-emulator", settings.port(),
                new SsmHandler(parameters, settings, verifier, calls));
        return new SsmEmulator(settings, server, parameters, calls);
    }

    /** {@code http://127.0.0.1:PORT}, for {@code SsmClient.builder().endpointOverride(...)}. */
    public URI endpoint() {
        return server.baseUri();
    }

    public int port() {
        return server.port();
    }

    public String region() {
        return settings.region();
    }

    public SsmEmulatorSettings settings() {
        return settings;
    }

    /** Creates or overwrites (next version) a {@code SecureString} parameter. */
    public void putSecureString(String name, String value) {
        parameters.put(name, "SecureString", value, settings.clock().instant());
    }

    /** Creates or overwrites (next version) a {@code String} parameter. */
    public void putString(String name, String value) {
        parameters.put(name, "String", value, settings.clock().instant());
    }

    /** How many {@code GetParameter}/{@code GetParameters} requests asked for this name since start or {@link #reset()}. */
    public int callCount(String name) {
        return parameters.callCount(name);
    }

    /** Every call answered since start or {@link #reset()}, oldest first. */
    public List<SsmCall> calls() {
        return List.copyOf(calls);
    }

    /** Forgets calls and call counts; parameters stay. */
    public void reset() {
        calls.clear();
        parameters.resetCallCounts();
    }

    @Override
    public void close() {
        server.close();
    }
}
