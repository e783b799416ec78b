package io.evidencesync.sandbox.s3;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * A local S3 endpoint: S3Proxy 4.1.0 in this JVM, in memory ({@code transient-nio2}, which accepts SSE headers
 * and supports bucket versioning), SigV4 checked against one access key pair.
 *
 * <pre>
 * try (SandboxS3 s3 = SandboxS3.start(SandboxS3.DEFAULT_ACCESS_KEY, SandboxS3.DEFAULT_SECRET_KEY, 0)) {
 *     s3.createBucket("evidence", true);
 *     URI endpoint = s3.endpoint();   // http://127.0.0.1:PORT, path-style
 * }
 * </pre>
 *
 * Known gaps of S3Proxy (shared/reference/local-stand-ins.md): no object tagging, stored checksums are not returned.
 */
public final class SandboxS3 implements AutoCloseable {
    public static final String DEFAULT_ACCESS_KEY = "AKIDSANDBOX";
    /** A throwaway key for the local stand-in only; never a real credential. */
    public static final String DEFAULT_SECRET_KEY = "sandbox-secret";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final String accessKey;
    private final String secretKey;
    private final List<String> buckets = new CopyOnWriteArrayList<>();

    private SandboxS3(S3Proxy proxy, BlobStore blobStore, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Starts S3Proxy on loopback.
     *
     * @param port the port, or 0 for a free one
     */
    public static SandboxS3 start(String accessKey, String secretKey, int port) throws Exception {
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        BlobStore store = BlobStores.create("transient-nio2", new Properties());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                // the SDK's multipart completion sends x-amz-mp-object-size, which S3Proxy does not know
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("S3Proxy did not start within 10 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(5);
        }
        return new SandboxS3(proxy, store, accessKey, secretKey);
    }

    /** Starts with the default sandbox key pair on a free port. */
    public static SandboxS3 start() throws Exception {
        return start(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, 0);
    }

    /** Creates a bucket, optionally with versioning enabled (so puts return version ids). */
    public void createBucket(String name, boolean versioned) {
        blobStore.createContainer(name);
        if (versioned) {
            blobStore.putBucketVersioning(name, BucketVersioningStatus.ENABLED);
        }
        buckets.add(name);
    }

    /** Deletes every object version in every bucket this sandbox created, keeping the buckets. */
    public void clear() {
        for (String bucket : buckets) {
            if (!blobStore.containerExists(bucket)) {
                continue;
            }
            var versions = blobStore.listVersions(
                    software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest.builder().bucket(bucket).build());
            versions.versions().forEach(v -> blobStore.removeBlob(bucket, v.key(), v.versionId()));
            versions.deleteMarkers().forEach(m -> blobStore.removeBlob(bucket, m.key(), m.versionId()));
            blobStore.clearContainer(
                    software.amazon.awssdk.services.s3.model.ListObjectsV2Request.builder().bucket(bucket).build());
        }
    }

    /**
     * An S3 client for this endpoint: path-style, this sandbox's key pair and region, over the given HTTP client,
     * with the given interceptors (a test may count the SDK's attempts).
     */
    public S3Client client(SdkHttpClient http, software.amazon.awssdk.core.interceptor.ExecutionInterceptor... interceptors) {
        return S3Client.builder().endpointOverride(endpoint()).forcePathStyle(true).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
                .httpClient(http).build();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public int port() {
        return proxy.getPort();
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String region() {
        return REGION;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
