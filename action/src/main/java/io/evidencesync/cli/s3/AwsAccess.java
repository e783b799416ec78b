package io.evidencesync.cli.s3;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

import io.evidencesync.cli.CliContext;
import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.s3.S3Addressing;
import io.evidencesync.core.s3.S3ClientFactory;
import io.evidencesync.core.s3.S3Objects;
import io.evidencesync.core.s3.S3Settings;
import io.evidencesync.core.s3.SignedS3;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client of a CLI run. Credentials are never options: the environment's {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} (what aws-actions/configure-aws-credentials exports)
 * are read from the injected environment; otherwise the SDK's default chain decides (profile, web identity / OIDC,
 * container, instance). The Apache HTTP client keeps one pooled connection per concurrent upload. Publishing uses
 * {@link SignedS3} over it for every S3 call, built on first use or ahead of it on a background thread; the SDK's
 * S3 client, over the same HTTP client and credentials, only when a command asks for it ({@link #s3()}).
 */
public final class AwsAccess implements AutoCloseable {
    /** Used when an endpoint is given but no region (S3-compatible stores ignore it; SigV4 needs one). */
    public static final String ENDPOINT_DEFAULT_REGION = "us-east-1";
    private static final Pattern ACCOUNT_IN_ARN = Pattern.compile("::[0-9]{12}:");

    private final S3Settings settings;
    private final int connections;
    private final String credentialsDescription;
    private AwsCredentialsProvider defaultChain;
    /** Set by {@link #endpointOnly()}, before the builder thread starts (which then sees it). */
    private boolean endpointOnly;
    private CompletableFuture<Clients> clients;
    private S3Client sdkClient;

    /** The HTTP client and the signed-request S3 port over it, built together. */
    private record Clients(SdkHttpClient http, S3Objects objects) {
    }

    private AwsAccess(S3Settings settings, int connections, String credentialsDescription) {
        this.settings = settings;
        this.connections = connections;
        this.credentialsDescription = credentialsDescription;
    }

    /**
     * Describes the access; builds nothing yet (see {@link #prepareInBackground()} and {@link #s3()}).
     *
     * @param region      the region, or null for the SDK's region chain
     * @param connections concurrent requests to allow
     */
    public static AwsAccess open(CliContext context, String region, java.net.URI endpoint, boolean pathStyle,
                                 int connections) {
        AwsCredentialsProvider credentials = environmentCredentials(context);
        String effectiveRegion = region != null ? region : endpoint != null ? ENDPOINT_DEFAULT_REGION : null;
        return new AwsAccess(new S3Settings(effectiveRegion, endpoint, pathStyle, credentials,
                S3Settings.DEFAULT_MAX_ATTEMPTS), connections, describe(context, credentials));
    }

    /**
     * Says that the HTTP client will only ever talk to the S3 endpoint (publishing), not to other AWS services
     * (tracing reads SSM through it). For a plain {@code http://} endpoint it then sets up no TLS (see
     * {@link PlainHttpOnly}). Call it before anything is built.
     */
    public synchronized AwsAccess endpointOnly() {
        if (clients != null) {
            throw new IllegalStateException("endpointOnly() after the clients were built");
        }
        endpointOnly = true;
        return this;
    }

    /**
     * Starts building the clients on a background thread: on a cold JVM that is several hundred classes (HTTP
     * client, signer, credentials), which then load while the caller reads evidence instead of before.
     * {@link #objects()} waits for it.
     */
    public synchronized AwsAccess prepareInBackground() {
        if (clients == null) {
            clients = new CompletableFuture<>();
            CompletableFuture<Clients> pending = clients;
            Thread builder = new Thread(() -> {
                try {
                    pending.complete(build());
                } catch (RuntimeException e) {
                    pending.completeExceptionally(e);
                }
            }, "aws-clients");
            builder.setDaemon(true);
            builder.start();
        }
        return this;
    }

    /**
     * The SDK's S3 client over the same HTTP client and credentials (the trace command lists and reads with it);
     * built on first use, since publishing never needs it.
     */
    public S3Client s3() {
        // waits for the background build without holding this object's lock, which that build takes (credentials())
        SdkHttpClient http = clients().http();
        synchronized (this) {
            if (sdkClient == null) {
                try {
                    sdkClient = S3ClientFactory.create(settings.withCredentials(credentials()), http);
                } catch (SdkClientException e) {
                    throw noRegion(e);
                }
            }
            return sdkClient;
        }
    }

    /** The signed-request S3 port that publishing uses for every call: built now, or by {@link #prepareInBackground()}. */
    public S3Objects objects() {
        return clients().objects();
    }

    private Clients clients() {
        prepareInBackground();
        try {
            return clients.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Clients build() {
        // no "Expect: 100-continue": it costs a round trip per object, and evidence objects are mostly small
        ApacheHttpClient.Builder builder = ApacheHttpClient.builder().maxConnections(connections)
                .expectContinueEnabled(false).connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60));
        if (endpointOnly && PlainHttpOnly.appliesTo(settings.endpoint())) {
            builder.socketFactory(new PlainHttpOnly());
        }
        SdkHttpClient http = builder.build();
        try {
            // one credentials provider for every client of the run (the SDK's default chain caches what it resolves)
            S3Settings shared = settings.withCredentials(credentials());
            // the given region, else what the SDK's region chain says (as the SDK's own S3 client would)
            String signingRegion = shared.region() != null && !shared.region().isBlank() ? shared.region().strip()
                    : new DefaultAwsRegionProviderChain().getRegion().id();
            S3Objects objects = SignedS3.create(http, shared.credentials(),
                    new S3Addressing(signingRegion, shared.endpoint(), shared.pathStyle()), shared.maxAttempts());
            return new Clients(http, objects);
        } catch (SdkClientException e) {
            http.close();
            throw noRegion(e);
        }
    }

    private static EvidenceException noRegion(SdkClientException e) {
        return new EvidenceException("no AWS region: set --region (action input region) or AWS_REGION"
                + " (aws-actions/configure-aws-credentials sets it)", e);
    }

    /**
     * The credentials every client of this run uses: the environment's keys, else one instance of the SDK's default
     * chain (created on first use, so a dry run creates none).
     */
    public synchronized AwsCredentialsProvider credentials() {
        if (settings.credentials() != null) {
            return settings.credentials();
        }
        if (defaultChain == null) {
            defaultChain = DefaultCredentialsProvider.builder().build();
        }
        return defaultChain;
    }

    /** The region in use, or null when the SDK's region chain decides. */
    public String region() {
        return settings.region();
    }

    /** The HTTP client, shared with other AWS clients of this run (they do not close it). */
    public SdkHttpClient httpClient() {
        return clients().http();
    }

    /** Where the credentials come from, in words; never a key, token or account id. */
    public String credentialsDescription() {
        return credentialsDescription;
    }

    @Override
    public void close() {
        CompletableFuture<Clients> built;
        synchronized (this) {
            built = clients;
            if (sdkClient != null) {
                sdkClient.close();
            }
        }
        if (built == null) {
            return;
        }
        try {
            built.join().http().close();
        } catch (CompletionException e) {
            // building failed: nothing was left open, and the failure was reported where the client was needed
        }
    }

    private static AwsCredentialsProvider environmentCredentials(CliContext context) {
        String accessKey = context.get("AWS_ACCESS_KEY_ID");
        String secretKey = context.get("AWS_SECRET_ACCESS_KEY");
        if (accessKey == null || secretKey == null) {
            return null;
        }
        String sessionToken = context.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(sessionToken == null
                ? AwsBasicCredentials.create(accessKey, secretKey)
                : AwsSessionCredentials.create(accessKey, secretKey, sessionToken));
    }

    private static String describe(CliContext context, AwsCredentialsProvider environment) {
        if (environment != null) {
            return "environment variables (AWS_ACCESS_KEY_ID" + (context.get("AWS_SESSION_TOKEN") != null
                    ? " with AWS_SESSION_TOKEN" : "") + ")";
        }
        String role = context.get("AWS_ROLE_ARN");
        if (role != null && context.get("AWS_WEB_IDENTITY_TOKEN_FILE") != null) {
            return "web identity token for role " + ACCOUNT_IN_ARN.matcher(role).replaceAll("::***:");
        }
        String profile = context.get("AWS_PROFILE");
        return "the AWS SDK default chain (" + (profile != null ? "profile '" + profile + "', " : "")
                + "shared config, web identity, container or instance role)";
    }
}
