package io.evidencesync.core.s3;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.hyperproof.Sleeper;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * {@link S3Objects} over the REST API: each request SigV4-signed by the SDK's {@link AwsV4HttpSigner} (service
 * {@code s3}, the payload's SHA-256 signed unless a verified checksum header binds the body, no aws-chunked encoding, the path neither normalised nor encoded twice,
 * as S3 requires) and sent with the SDK's {@link SdkHttpClient}; credentials from the SDK's provider. Up to
 * {@link #MAX_ATTEMPTS} attempts (or as configured), with exponential backoff and jitter, on 5xx (503 SlowDown included), 429 and I/O
 * errors; 4xx are never retried. This is what the function needs of S3 at a fraction of the SDK {@code S3Client}'s
 * cold start and per-call CPU (bench/results/lambda-2026-11-27.md,
 * bench/results/publish-2026-11-27.md).
 */
public final class SignedS3 implements S3Objects {
    static final int MAX_ATTEMPTS = 3;
    static final long BASE_DELAY_MILLIS = 100;
    private static final int MAX_ERROR_BODY_BYTES = 16 * 1024;

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final S3Addressing addressing;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final int maxAttempts;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param sleeper waits between attempts
     * @param jitter  a value in [0, 1) per wait: the random part of the backoff
     */
    SignedS3(SdkHttpClient http, AwsCredentialsProvider credentials, S3Addressing addressing, Sleeper sleeper,
             DoubleSupplier jitter) {
        this(http, credentials, addressing, sleeper, jitter, MAX_ATTEMPTS);
    }

    /** @param maxAttempts attempts per request, the first included (at least 1) */
    SignedS3(SdkHttpClient http, AwsCredentialsProvider credentials, S3Addressing addressing, Sleeper sleeper,
             DoubleSupplier jitter, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.http = http;
        this.credentials = credentials;
        this.addressing = addressing;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /** Production settings: real sleeps, random jitter, {@link #MAX_ATTEMPTS} attempts. */
    public static SignedS3 create(SdkHttpClient http, AwsCredentialsProvider credentials, S3Addressing addressing) {
        return create(http, credentials, addressing, MAX_ATTEMPTS);
    }

    /** Production settings with this many attempts per request (the first included). */
    public static SignedS3 create(SdkHttpClient http, AwsCredentialsProvider credentials, S3Addressing addressing,
                                  int maxAttempts) {
        return new SignedS3(http, credentials, addressing, Sleeper.SYSTEM, () -> ThreadLocalRandom.current().nextDouble(),
                maxAttempts);
    }

    @Override
    public OpenedObject getObject(String bucket, String key, String versionId) {
        S3Request request = new S3Request("GetObject", SdkHttpMethod.GET, bucket, key, versionId, Map.of(), null);
        Reply reply = send(request);
        if (!reply.ok()) {
            throw S3ErrorMessages.failed(request, reply.status(), reply.errorCode());
        }
        return new OpenedObject(info(reply.headers()), reply.body());
    }

    @Override
    public Optional<SmallObject> getObjectAsBytes(String bucket, String key) {
        S3Request request = new S3Request("GetObject", SdkHttpMethod.GET, bucket, key, null, Map.of(), null);
        Reply reply = send(request);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (!reply.ok()) {
            throw S3ErrorMessages.failed(request, reply.status(), reply.errorCode());
        }
        try (InputStream body = reply.body()) {
            return Optional.of(new SmallObject(body.readAllBytes(), info(reply.headers())));
        } catch (IOException e) {
            throw S3ErrorMessages.unreachable(request, 1, e);
        }
    }

    @Override
    public ObjectInfo headObject(String bucket, String key, String versionId) {
        S3Request request = new S3Request("HeadObject", SdkHttpMethod.HEAD, bucket, key, versionId, Map.of(), null);
        Reply reply = send(request);
        reply.discard();
        if (!reply.ok()) {
            throw S3ErrorMessages.failed(request, reply.status(), reply.errorCode());
        }
        return info(reply.headers());
    }

    @Override
    public String putObject(String bucket, String key, byte[] body, String contentType, Precondition precondition) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Content-Length", Integer.toString(body.length));
        precondition.addTo(headers);
        S3Request request = new S3Request("PutObject", SdkHttpMethod.PUT, bucket, key, null, headers,
                ContentStreamProvider.fromByteArrayUnsafe(body));
        return put(request, precondition).firstMatchingHeader("ETag").orElse(null);
    }

    @Override
    public Stored putFile(String bucket, String key, Path file, long length, String sha256Base64, ObjectWrite write,
                          Precondition precondition) {
        FileContent content = new FileContent(file);
        S3Request request = new S3Request("PutObject", SdkHttpMethod.PUT, bucket, key, null,
                writeHeaders(write, length, sha256Base64, precondition), content);
        try {
            return stored(put(request, precondition));
        } finally {
            content.closeOpen();
        }
    }

    @Override
    public Stored putBytes(String bucket, String key, byte[] body, String sha256Base64, ObjectWrite write,
                           Precondition precondition) {
        S3Request request = new S3Request("PutObject", SdkHttpMethod.PUT, bucket, key, null,
                writeHeaders(write, body.length, sha256Base64, precondition),
                ContentStreamProvider.fromByteArrayUnsafe(body));
        return stored(put(request, precondition));
    }

    @Override
    public String startMultipartUpload(String bucket, String key, ObjectWrite write) {
        Map<String, String> headers = new LinkedHashMap<>(write.headers());
        headers.put("x-amz-checksum-algorithm", "CRC32C");
        S3Request request = new S3Request("CreateMultipartUpload", SdkHttpMethod.POST, bucket, key, null,
                Map.of("uploads", ""), headers, ContentStreamProvider.fromByteArrayUnsafe(new byte[0]));
        String uploadId = S3Xml.element(okText(request), "UploadId");
        if (uploadId == null || uploadId.isEmpty()) {
            throw new EvidenceException("S3 CreateMultipartUpload of " + request.where() + " answered without an UploadId");
        }
        return uploadId;
    }

    @Override
    public String uploadPart(String bucket, String key, String uploadId, int partNumber, ByteBuffer bytes,
                             String crc32cBase64) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Length", Integer.toString(bytes.remaining()));
        headers.put("x-amz-checksum-crc32c", crc32cBase64);
        S3Request request = new S3Request("UploadPart", SdkHttpMethod.PUT, bucket, key, null,
                Map.of("partNumber", Integer.toString(partNumber), "uploadId", uploadId), headers,
                () -> new BufferStream(bytes));
        Reply reply = send(request);
        reply.discard();
        if (!reply.ok()) {
            throw S3ErrorMessages.failed(request, reply.status(), reply.errorCode());
        }
        return reply.headers().firstMatchingHeader("ETag").orElseThrow(() -> new EvidenceException("S3 UploadPart "
                + partNumber + " of " + request.where() + " answered without an ETag"));
    }

    @Override
    public Stored completeMultipartUpload(String bucket, String key, String uploadId, List<Part> parts,
                                          Precondition precondition) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/xml");
        precondition.addTo(headers);
        S3Request request = new S3Request("CompleteMultipartUpload", SdkHttpMethod.POST, bucket, key, null,
                Map.of("uploadId", uploadId), headers,
                ContentStreamProvider.fromByteArrayUnsafe(S3Xml.completeMultipartUpload(parts)));
        for (int attempt = 1; ; attempt++) {
            Reply reply = send(request);
            if (reply.status() == 412 || reply.status() == 409) {
                throw preconditionFailed(request, precondition, reply);
            }
            if (!reply.ok()) {
                throw S3ErrorMessages.failed(request, reply.status(), reply.errorCode());
            }
            String text = readText(request, reply);
            // S3 may answer 200 and still fail: the error is then in the body
            String code = text.contains("<Error>") ? S3ErrorMessages.errorCode(text) : null;
            if (code == null) {
                return new Stored(reply.headers().firstMatchingHeader("x-amz-version-id").orElse(null),
                        S3Xml.element(text, "ETag"));
            }
            if (!S3Xml.RETRYABLE_CODES.contains(code) || attempt == maxAttempts) {
                throw S3ErrorMessages.failed(request, reply.status(), code);
            }
            pause(request, attempt);
        }
    }

    @Override
    public void abortMultipartUpload(String bucket, String key, String uploadId) {
        S3Request request = new S3Request("AbortMultipartUpload", SdkHttpMethod.DELETE, bucket, key, null,
                Map.of("uploadId", uploadId), Map.of(), null);
        Reply reply = send(request);
        reply.discard();
        if (!reply.ok() && reply.status() != 404) {
            throw S3ErrorMessages.failed(request, reply.status(), reply.errorCode());
        }
    }

    /** A whole object's headers: its attributes, length, SHA-256 (which S3 verifies) and condition. */
    private static Map<String, String> writeHeaders(ObjectWrite write, long length, String sha256Base64,
                                                    Precondition precondition) {
        Map<String, String> headers = new LinkedHashMap<>(write.headers());
        headers.put("Content-Length", Long.toString(length));
        headers.put("x-amz-checksum-sha256", sha256Base64);
        precondition.addTo(headers);
        return headers;
    }

    private static Stored stored(SdkHttpResponse response) {
        return new Stored(response.firstMatchingHeader("x-amz-version-id").orElse(null),
                response.firstMatchingHeader("ETag").orElse(null));
    }

    /** The body of a successful answer, as text; an error answer throws. */
    private String okText(S3Request request) {
        Reply reply = send(request);
        if (!reply.ok()) {
            throw S3ErrorMessages.failed(request, reply.status(), reply.errorCode());
        }
        return readText(request, reply);
    }

    private static String readText(S3Request request, Reply reply) {
        try (InputStream body = reply.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw S3ErrorMessages.unreachable(request, 1, e);
        }
    }

    private static PreconditionFailedException preconditionFailed(S3Request request, Precondition precondition,
                                                                  Reply reply) {
        return new PreconditionFailedException("S3 " + request.operation() + " of " + request.where() + " with "
                + precondition.header() + ": HTTP " + reply.status()
                + (reply.errorCode() == null ? "" : " " + reply.errorCode()));
    }

    private SdkHttpResponse put(S3Request request, Precondition precondition) {
        Reply reply = send(request);
        reply.discard();
        if (reply.status() == 412 || reply.status() == 409) {
            throw preconditionFailed(request, precondition, reply);
        }
        if (!reply.ok()) {
            throw S3ErrorMessages.failed(request, reply.status(), reply.errorCode());
        }
        return reply.headers();
    }

    /**
     * A file's bytes, from the start on every {@link #newStream()} (the signer hashes them, the HTTP client sends
     * them, a retry sends them again); the previous stream is closed when the next one is opened.
     */
    /**
     * A file's bytes, read once for the signature's SHA-256 (over plain HTTP) and once by the HTTP client, each in
     * 4 KB reads: buffered, so that a 5 MB file takes 40 reads of the file rather than 1,280.
     */
    private static final class FileContent implements ContentStreamProvider {
        private static final int BUFFER = 128 * 1024;
        private final Path file;
        private InputStream open;

        FileContent(Path file) {
            this.file = file;
        }

        @Override
        public synchronized InputStream newStream() {
            closeOpen();
            try {
                open = new BufferedInputStream(Files.newInputStream(file), BUFFER);
                return open;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        synchronized void closeOpen() {
            if (open != null) {
                try {
                    open.close();
                } catch (IOException ignored) {
                    // a stream already read to its end
                }
                open = null;
            }
        }

        @Override
        public String name() {
            return "File";
        }
    }

    /** Sends with retries; returns the last answer, or throws when none came. */
    private Reply send(S3Request request) {
        for (int attempt = 1; ; attempt++) {
            try {
                Reply reply = sendOnce(request);
                if (!retryable(reply.status()) || attempt == maxAttempts) {
                    return reply;
                }
                reply.discard();
            } catch (IOException | UncheckedIOException e) {
                if (attempt == maxAttempts) {
                    throw S3ErrorMessages.unreachable(request, attempt, e);
                }
            }
            pause(request, attempt);
        }
    }

    static boolean retryable(int status) {
        return status >= 500 || status == 429;
    }

    private void pause(S3Request request, int attempt) {
        long ceiling = BASE_DELAY_MILLIS << (attempt - 1);
        long delay = ceiling / 2 + (long) (jitter.getAsDouble() * (ceiling / 2));
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvidenceException("interrupted while retrying S3 " + request.operation() + " of " + request.where(), e);
        }
    }

    private Reply sendOnce(S3Request request) throws IOException {
        SignedRequest signed = sign(request);
        // no content for GET and HEAD: HttpURLConnection would turn a GET with an output stream into a POST
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                .contentStreamProvider(request.body() == null ? null : signed.payload().orElse(null)).build()).call();
        SdkHttpResponse headers = response.httpResponse();
        AbortableInputStream body = response.responseBody()
                .orElseGet(() -> AbortableInputStream.create(new ByteArrayInputStream(new byte[0])));
        int status = headers.statusCode();
        if (status / 100 == 2) {
            return new Reply(status, headers, body, null);
        }
        try (InputStream error = body) {
            String text = new String(error.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8);
            return new Reply(status, headers, null, S3ErrorMessages.errorCode(text));
        }
    }

    private SignedRequest sign(S3Request request) {
        S3Addressing.Target target = addressing.target(request.bucket(), request.key());
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(request.method()).protocol(target.scheme())
                .host(target.host()).encodedPath(target.encodedPath());
        if (target.port() != -1) {
            unsigned.port(target.port());
        }
        request.allQuery().forEach(unsigned::putRawQueryParameter);
        request.headers().forEach(unsigned::putHeader);
        ContentStreamProvider body = request.body() == null ? ContentStreamProvider.fromByteArrayUnsafe(new byte[0])
                : request.body();
        try {
            return signer.sign(r -> r.identity(credentials.resolveCredentials())
                    .request(unsigned.build())
                    .payload(body)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, addressing.region())
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, !boundByChecksum(request))
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, false));
        } catch (RuntimeException e) {
            throw new EvidenceException("cannot sign S3 " + request.operation() + " of " + request.where()
                    + ": no usable AWS credentials (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A body whose checksum travels in a signed header that S3 verifies (SHA-256 of a whole object, CRC32C of a
     * part) is sent {@code UNSIGNED-PAYLOAD}, as the SDK's own client does over HTTPS: hashing it once more for the
     * signature would cost a second SHA-256 pass over every byte.
     */
    private static boolean boundByChecksum(S3Request request) {
        return request.headers().containsKey("x-amz-checksum-sha256")
                || request.headers().containsKey("x-amz-checksum-crc32c");
    }

    static ObjectInfo info(SdkHttpResponse response) {
        Map<String, String> metadata = new LinkedHashMap<>();
        response.forEachHeader((name, values) -> {
            if (name.regionMatches(true, 0, "x-amz-meta-", 0, "x-amz-meta-".length()) && !values.isEmpty()) {
                metadata.put(name.substring("x-amz-meta-".length()), String.join(",", values));
            }
        });
        long length = response.firstMatchingHeader("Content-Length").map(SignedS3::parseLength).orElse(-1L);
        return new ObjectInfo(metadata, response.firstMatchingHeader("x-amz-version-id").orElse(null),
                response.firstMatchingHeader("ETag").orElse(null), length,
                response.firstMatchingHeader("Last-Modified").map(SignedS3::parseDate).orElse(null));
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Instant parseDate(String value) {
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** One answer: the body stays open for a 2xx, an error's body is read for its code. */
    private record Reply(int status, SdkHttpResponse headers, AbortableInputStream body, String errorCode) {
        boolean ok() {
            return status / 100 == 2;
        }

        void discard() {
            if (body != null) {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // nothing more is read from this response
                }
            }
        }
    }
}
