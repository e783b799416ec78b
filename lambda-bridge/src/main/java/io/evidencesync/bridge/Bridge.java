package io.evidencesync.bridge;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.evidencesync.core.s3.S3Objects;
import io.evidencesync.core.s3.SignedS3;
import io.evidencesync.core.s3.S3Addressing;
import io.evidencesync.core.hyperproof.Deadline;
import io.evidencesync.core.hyperproof.HttpTransport;
import io.evidencesync.core.hyperproof.HyperproofClient;
import io.evidencesync.core.hyperproof.RetryObserver;
import io.evidencesync.core.hyperproof.RetryPolicy;
import io.evidencesync.core.hyperproof.Sleeper;
import io.evidencesync.core.hyperproof.TokenProvider;
import io.evidencesync.core.hyperproof.UrlConnectionTransport;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The bridge behind both handlers: wires the components once per execution environment and processes the objects
 * of one invocation, writing one JSON log line per object and one EMF metrics document per invocation.
 */
final class Bridge {
    /** An object is not started with less time left than this: it fails (and is retried) instead. */
    static final long MIN_MILLIS_PER_OBJECT = 10_000;

    private static final ThreadLocal<Metrics> CURRENT = new ThreadLocal<>();

    private final BridgeConfig config;
    private final ObjectSync sync;
    private final JsonLog log;
    private final PrintStream out;
    private final Clock clock;

    Bridge(BridgeConfig config, ObjectSync sync, PrintStream out, Clock clock) {
        this.config = config;
        this.sync = sync;
        this.log = new JsonLog(out, clock);
        this.out = out;
        this.clock = clock;
    }

    /**
     * The keys in {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} (and {@code AWS_SESSION_TOKEN}) when
     * both are set, as Lambda sets them for the execution role: what the SDK's default chain would find there too,
     * without building the chain (about 50 ms of a cold start). Otherwise (SnapStart, which hands credentials over
     * through {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}; local runs with a profile) the default chain.
     */
    static AwsCredentialsProvider credentials(Map<String, String> env) {
        String keyId = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        String session = env.get("AWS_SESSION_TOKEN");
        if (keyId == null || keyId.isBlank() || secret == null || secret.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(session == null || session.isBlank()
                ? AwsBasicCredentials.create(keyId, secret) : AwsSessionCredentials.create(keyId, secret, session));
    }

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The S3 and SSM connections: opened as the JDK opens them, so that HTTPS uses the JVM's default TLS context,
     * the one the Hyperproof transport uses too. The SDK client would otherwise build a TLS context of its own when
     * it is created (loading the trust store a second time; about 100 ms of a cold start, and all of it wasted
     * against the plain-HTTP stand-ins). The SDK still sets the method, headers and no redirects on each.
     */
    static HttpURLConnection openConnection(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a connection to " + uri.getHost() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Wiring from an environment: the process's in Lambda, or another one for an in-process run (the local sandbox,
     * replays). S3, SSM and Hyperproof all go over {@link java.net.HttpURLConnection} (the SDK's URL-connection
     * client and {@link UrlConnectionTransport}); the AWS credentials come from {@code env} itself, see
     * {@link #credentials}.
     */
    static Bridge fromEnvironment(Map<String, String> env) {
        BridgeConfig config = BridgeConfig.fromEnvironment(env);
        AwsCredentialsProvider credentials = credentials(env);
        SdkHttpClient sdkHttp = UrlConnectionHttpClient.create(Bridge::openConnection);
        // S3 and SSM: SigV4-signed REST calls over one SDK HTTP client, no SDK service client (cold start)
        S3Objects s3 = SignedS3.create(sdkHttp, credentials,
                new S3Addressing(config.region(), config.s3Endpoint(), config.s3PathStyle()));
        ParameterStore parameters = new SsmParameterStore(sdkHttp, credentials, config.region(), config.ssmEndpoint());
        return create(config, s3, parameters, new UrlConnectionTransport(), RetryPolicy.defaults(), Sleeper.SYSTEM,
                System.out, Clock.systemUTC(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    static Bridge create(BridgeConfig config, S3Objects s3, ParameterStore parameters, HttpTransport http,
                         RetryPolicy retry, Sleeper sleeper, PrintStream out, Clock clock, Path spoolDirectory) {
        SecretsCache secrets = new SecretsCache(parameters, config.clientIdPath(), config.clientSecretPath(),
                config.secretsTtl(), clock);
        TokenProvider tokens = new TokenProvider(http, config.endpoints().tokenUrl(), secrets, clock);
        RetryObserver retries = (call, cause, delay) -> {
            Metrics metrics = CURRENT.get();
            if (metrics != null) {
                metrics.add(Metrics.Name.Retried);
            }
        };
        HyperproofClient hyperproof = new HyperproofClient(http, config.endpoints(), tokens, retry, sleeper, retries, clock);
        ReceiptStore receipts = new ReceiptStore(s3);
        java.util.concurrent.ExecutorService io = Concurrently.pool();
        ObjectSync sync = new ObjectSync(config, new ObjectSpooler(s3, spoolDirectory), receipts,
                new TraceIndex(receipts, config.receiptsPrefix(), io),
                new RoutePlanner(new ProofRouter(config.controlMap(), config.controlId()), s3),
                new ControlResolver(hyperproof, config.controlsTtl(), clock), hyperproof, clock,
                () -> UUID.randomUUID().toString(), io);
        return new Bridge(config, sync, out, clock);
    }

    /** The result of a direct invocation. */
    record Result(List<Outcome> outcomes, String error) {
        long count(Outcome.Status status) {
            return outcomes.stream().filter(o -> o.status() == status).count();
        }

        boolean failed() {
            return error != null || count(Outcome.Status.FAILED) > 0;
        }

        String failureMessage() {
            if (error != null) {
                return error;
            }
            Outcome first = outcomes.stream().filter(Outcome::failed).findFirst().orElseThrow();
            return count(Outcome.Status.FAILED) + " of " + outcomes.size() + " object(s) failed; first: "
                    + first.ref().uri() + ": " + first.reason();
        }

        String toJson() {
            return "{\"synced\":" + count(Outcome.Status.SYNCED) + ",\"duplicate\":" + count(Outcome.Status.DUPLICATE)
                    + ",\"superseded\":" + count(Outcome.Status.SUPERSEDED) + ",\"skipped\":" + count(Outcome.Status.SKIPPED) + ",\"failed\":" + count(Outcome.Status.FAILED) + "}";
        }
    }

    /** An S3 event notification delivered directly. */
    Result handleEvent(String json, Invocation invocation) {
        Metrics metrics = new Metrics(out, clock, config.metricsNamespace());
        CURRENT.set(metrics);
        try {
            return handleBody(json, invocation, metrics, "event");
        } finally {
            metrics.flush();
            CURRENT.remove();
        }
    }

    /** One SQS message. */
    record Message(String id, String body) {
    }

    /** SQS messages; returns the ids of those that failed (partial batch response). */
    List<String> handleMessages(List<Message> messages, Invocation invocation) {
        Metrics metrics = new Metrics(out, clock, config.metricsNamespace());
        CURRENT.set(metrics);
        List<String> failed = new ArrayList<>();
        try {
            for (Message message : messages) {
                Result result = handleBody(message.body(), invocation, metrics, "SQS message " + message.id());
                if (result.failed()) {
                    failed.add(message.id());
                }
            }
            return failed;
        } finally {
            metrics.flush();
            CURRENT.remove();
        }
    }

    private Result handleBody(String json, Invocation invocation, Metrics metrics, String what) {
        S3Events.Parsed parsed;
        try {
            parsed = S3Events.parse(json == null ? "" : json);
        } catch (S3Events.MalformedEventException e) {
            String reason = "malformed " + what + ": " + e.getMessage();
            log.event("ERROR", "event rejected", invocation.requestId(), reason);
            metrics.add(Metrics.Name.Failed);
            return new Result(List.of(), reason);
        }
        if (parsed.testEvent()) {
            log.event("INFO", "s3:TestEvent ignored", invocation.requestId(), what);
            return new Result(List.of(), null);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (ObjectRef ref : parsed.objects()) {
            Outcome outcome;
            if (ref.eventName() != null && !ref.eventName().startsWith("ObjectCreated")) {
                outcome = new Outcome(Outcome.Status.SKIPPED, ref, null, null, null,
                        "event " + ref.eventName() + " is not an object creation", false, 0);
            } else if (invocation.deadline().remainingMillis() < MIN_MILLIS_PER_OBJECT) {
                outcome = new Outcome(Outcome.Status.FAILED, ref, null, null, null,
                        "not started: less than " + MIN_MILLIS_PER_OBJECT / 1000 + " s of the invocation left", true, 0);
            } else {
                outcome = sync.process(ref, invocation);
            }
            log.object(outcome, invocation.requestId());
            metrics.count(outcome);
            outcomes.add(outcome);
        }
        return new Result(outcomes, null);
    }

}
