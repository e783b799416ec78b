package io.evidencesync.core.hyperproof;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The Hyperproof REST API calls the bridge needs: list controls, upload proof (organization, control, label), add a
 * proof version, read and list proof.
 *
 * <p>Every call authenticates with a bearer token from the {@link TokenProvider} (refreshed once on 401) and is
 * retried per the {@link RetryPolicy} on 429, 403 "Bandwidth quota exceeded", 5xx, timeouts and dropped connections,
 * within the caller's {@link Deadline}. Uploads are not idempotent on Hyperproof's side, so after a failure where the
 * server may have stored the file (dropped connection, 5xx) an upload is retried only after looking for the proof it
 * may have created ({@link ProofUpload#matches}); a match is adopted instead of uploading again. An upload that timed
 * out is not repeated at all within the call (the server may still be working on it): it fails as retryable, and the
 * caller's next attempt looks for the proof first.
 *
 * <pre>
 * HyperproofClient client = new HyperproofClient(http, endpoints, tokens, RetryPolicy.defaults());
 * UploadResult result = client.upload(ProofTarget.control(uuid), upload, deadline);
 * </pre>
 */
public final class HyperproofClient {
    public static final long MAX_PROOF_BYTES = 100L * 1024 * 1024;
    static final int LIST_PAGE_SIZE = 500;
    static final int MAX_LIST_PAGES = 20;
    private static final int MAX_ERROR_TEXT = 300;

    private final HttpTransport http;
    private final HyperproofEndpoints endpoints;
    private final TokenProvider tokens;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final RetryObserver observer;
    private final Clock clock;

    public HyperproofClient(HttpTransport http, HyperproofEndpoints endpoints, TokenProvider tokens, RetryPolicy retry) {
        this(http, endpoints, tokens, retry, Sleeper.SYSTEM, RetryObserver.NONE, Clock.systemUTC());
    }

    public HyperproofClient(HttpTransport http, HyperproofEndpoints endpoints, TokenProvider tokens, RetryPolicy retry,
                            Sleeper sleeper, RetryObserver observer, Clock clock) {
        this.http = http;
        this.endpoints = endpoints;
        this.tokens = tokens;
        this.retry = retry;
        this.sleeper = sleeper;
        this.observer = observer;
        this.clock = clock;
    }

    /** {@code GET /v1/controls}: every control the caller can see. */
    public List<HyperproofControl> listControls(Deadline deadline) {
        JsonElement body = call("list controls", deadline, (token, timeout) -> get("/v1/controls", token, timeout),
                response -> Json.parse(response.body(), "the controls list"), null);
        List<HyperproofControl> controls = new ArrayList<>();
        for (JsonElement element : Json.array(body, "the controls list")) {
            if (element.isJsonObject()) {
                controls.add(Json.control(element.getAsJsonObject()));
            }
        }
        return controls;
    }

    /** {@code GET /v1/proof/{id}}. */
    public Proof getProof(String proofId, Deadline deadline) {
        return call("read proof " + proofId, deadline,
                (token, timeout) -> get("/v1/proof/" + Urls.segment(proofId), token, timeout),
                response -> Json.proof(Json.object(response.body(), "proof " + proofId)), null);
    }

    /** {@code GET /v1/proof} for one target (all pages, newest first, up to {@value #MAX_LIST_PAGES} pages). */
    public List<Proof> listProof(ProofTarget target, Deadline deadline) {
        List<Proof> proofs = new ArrayList<>();
        String nextToken = null;
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            String query = "/v1/proof?limit=" + LIST_PAGE_SIZE + target.listQuery()
                    + (nextToken == null ? "" : "&nextToken=" + Urls.query(nextToken));
            JsonElement body = call("list proof of " + target, deadline, (token, timeout) -> get(query, token, timeout),
                    response -> Json.parse(response.body(), "the proof list"), null);
            for (JsonElement element : Json.array(body, "the proof list")) {
                if (element.isJsonObject()) {
                    proofs.add(Json.proof(element.getAsJsonObject()));
                }
            }
            nextToken = body.isJsonObject() ? firstString(body.getAsJsonObject(), "nextToken", "continuationToken") : null;
            if (nextToken == null || nextToken.isBlank()) {
                break;
            }
        }
        return proofs;
    }

    /** The proof of {@code target} that is {@code upload} as stored by an earlier attempt, if any. */
    public Optional<Proof> findUploaded(ProofTarget target, ProofUpload upload, Deadline deadline) {
        return listProof(target, deadline).stream().filter(upload::matches).findFirst();
    }

    /**
     * Uploads a new proof to the target ({@code POST /v1/proof}, {@code /v1/controls/{id}/proof} or
     * {@code /v1/labels/{id}/proof}), never twice: see the class comment.
     *
     * @throws HyperproofException when the upload failed; {@link HyperproofException#retryable()} says if later may work
     */
    public UploadResult upload(ProofTarget target, ProofUpload upload, Deadline deadline) {
        checkSize(upload);
        String what = "upload '" + upload.filename() + "' to " + target;
        return call(what, deadline,
                (token, timeout) -> multipart(target.uploadPath(), upload, token, timeout),
                response -> new UploadResult(Json.proof(Json.object(response.body(), "the upload response")), false),
                () -> findUploaded(target, upload, deadline).map(proof -> new UploadResult(proof, true)));
    }

    /**
     * Adds a version to an existing proof ({@code POST /v1/proof/{id}/versions}), never twice: after an ambiguous
     * failure the proof is read and, when its source file id is already this upload's, adopted.
     */
    public UploadResult uploadVersion(String proofId, ProofUpload upload, Deadline deadline) {
        checkSize(upload);
        String what = "upload '" + upload.filename() + "' as a new version of proof " + proofId;
        return call(what, deadline,
                (token, timeout) -> multipart("/v1/proof/" + Urls.segment(proofId) + "/versions", upload, token, timeout),
                response -> new UploadResult(versionResponse(proofId, response.body()), false),
                () -> {
                    Proof current = getProof(proofId, deadline);
                    return upload.sourceFileId() != null && upload.sourceFileId().equals(current.sourceFileId())
                            ? Optional.of(new UploadResult(current, true)) : Optional.empty();
                });
    }

    /**
     * {@code GET /v1/proof/{id}/contents?version=n}: the hex SHA-256 of the bytes Hyperproof serves for that version,
     * which the auditor's trace compares with the SHA-256 recorded when the build published the evidence.
     */
    public String contentsSha256(String proofId, int version, Deadline deadline) {
        return call("read the contents of proof " + proofId, deadline,
                (token, timeout) -> HttpTransport.Request.get(endpoints.api("/v1/proof/" + Urls.segment(proofId)
                                + "/contents?version=" + version), timeout)
                        .header("Authorization", "Bearer " + token).header("Accept", "*/*")
                        .reading(SHA256_OF_SUCCESS),
                HttpTransport.Response::body, null);
    }

    /** Success bodies become their hex SHA-256 (binary-safe, hashed as they stream); error bodies stay text. */
    static final HttpTransport.BodyReader SHA256_OF_SUCCESS = (status, body) -> status / 100 == 2
            ? HexFormat.of().formatHex(sha256(body))
            : new String(body.readAllBytes(), StandardCharsets.UTF_8);

    private static byte[] sha256(InputStream body) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        new DigestInputStream(body, digest).transferTo(java.io.OutputStream.nullOutputStream()); // the transport closes it
        return digest.digest();
    }

    private static Proof versionResponse(String proofId, String body) {
        JsonElement element = Json.parse(body, "the version response");
        if (element.isJsonObject()) {
            Proof proof = Json.proof(element.getAsJsonObject());
            return proof.id() == null ? new Proof(proofId, proof.filename(), proof.version(), proof.sourceId(),
                    proof.sourceFileId(), proof.size(), proof.status()) : proof;
        }
        return new Proof(proofId, null, -1, null, null, -1, null);
    }

    private static void checkSize(ProofUpload upload) {
        long size;
        try {
            size = Files.size(upload.file());
        } catch (IOException e) {
            throw new HyperproofException("cannot read '" + upload.filename() + "' for upload: " + e.getMessage(), 0,
                    false, e);
        }
        if (size >= MAX_PROOF_BYTES) {
            throw new HyperproofException("'" + upload.filename() + "' is " + size + " bytes; Hyperproof accepts proof"
                    + " files under " + MAX_PROOF_BYTES + " bytes (100 MiB)", 413, false);
        }
    }

    @FunctionalInterface
    private interface RequestFactory {
        HttpTransport.Request build(String token, Duration timeout) throws IOException;
    }

    @FunctionalInterface
    private interface ResponseParser<T> {
        T parse(HttpTransport.Response response);
    }

    @FunctionalInterface
    private interface AlreadyDone<T> {
        Optional<T> find();
    }

    /**
     * One API call with token handling and retries. {@code alreadyDone}, when given, is consulted before a retry
     * that follows a failure where the server may have acted (no response or 5xx).
     */
    private <T> T call(String what, Deadline deadline, RequestFactory factory, ResponseParser<T> parser,
                       AlreadyDone<T> alreadyDone) {
        boolean refreshed = false;
        boolean ambiguous = false;
        int attempt = 0;
        while (true) {
            attempt++;
            if (ambiguous && alreadyDone != null) {
                Optional<T> done = alreadyDone.find();
                if (done.isPresent()) {
                    return done.get();
                }
                ambiguous = false;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new HyperproofException("interrupted: " + what, 0, false);
            }
            HyperproofException failure;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                Duration timeout = retry.timeoutWithin(deadline);
                String token = tokens.token(timeout);
                HttpTransport.Response response = http.send(request(what, factory, token, retry.timeoutWithin(deadline)));
                int status = response.status();
                if (status / 100 == 2) {
                    return parser.parse(response);
                }
                if (status == 401 && !refreshed) {
                    tokens.invalidate(token);
                    refreshed = true;
                    attempt--;
                    continue;
                }
                failure = failure(what, response, clock, token);
                retryAfter = RetryPolicy.parseRetryAfter(response.header("Retry-After"), clock);
                ambiguous = status >= 500;
            } catch (HyperproofException e) {
                failure = e;
                ambiguous = false; // token, request or response-parsing trouble: the call itself was not (re)sent
            } catch (SocketTimeoutException e) {
                failure = new HyperproofException("cannot " + what + ": " + describe(e), 0, true, e);
                if (alreadyDone != null) {
                    // the server may still be storing the file: looking for it now could miss it and upload it twice;
                    // the next delivery looks for it (list and match) before uploading again
                    throw new HyperproofException(failure.getMessage() + "; not repeated in this invocation, so"
                            + " Hyperproof can finish; the retry looks for the proof before uploading again", 0, true, e);
                }
                ambiguous = true;
            } catch (IOException e) {
                failure = new HyperproofException("cannot " + what + ": " + describe(e), 0, true, e);
                ambiguous = true;
            }
            if (!failure.retryable()) {
                throw failure;
            }
            if (attempt >= retry.maxAttempts()) {
                throw new HyperproofException(failure.getMessage() + " (gave up after " + attempt + " attempts)",
                        failure.status(), true, failure);
            }
            long delay = retry.delayMillis(attempt, retryAfter);
            if (!retry.fits(delay, deadline)) {
                throw new HyperproofException(failure.getMessage() + " (no time left for another attempt after "
                        + attempt + ")", failure.status(), true, failure);
            }
            observer.retrying(what, failure, delay);
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HyperproofException("interrupted: " + what, 0, false, e);
            }
        }
    }

    /** Builds the request; a file gone since the size check fails the call for good. */
    private static HttpTransport.Request request(String what, RequestFactory factory, String token, Duration timeout) {
        try {
            return factory.build(token, timeout);
        } catch (FileNotFoundException e) {
            throw new HyperproofException("cannot " + what + ": the file is gone (" + e.getMessage() + ")", 0, false, e);
        } catch (IOException e) {
            throw new HyperproofException("cannot " + what + ": cannot read the file (" + e.getMessage() + ")", 0, false, e);
        }
    }

    private HttpTransport.Request get(String pathAndQuery, String token, Duration timeout) {
        return HttpTransport.Request.get(endpoints.api(pathAndQuery), timeout)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private HttpTransport.Request multipart(String path, ProofUpload upload, String token, Duration timeout)
            throws IOException {
        MultipartBody body = new MultipartBody()
                .field("hp-proof-owned-by", upload.ownedBy())
                .field("hp-proof-source-id", upload.sourceId())
                .field("hp-proof-source-file-id", upload.sourceFileId())
                .field("hp-proof-source-modified-on", upload.sourceModifiedOn());
        return HttpTransport.Request.post(endpoints.api(path), timeout, body.body("proof", upload))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("Content-Type", body.contentType());
    }

    /**
     * Classifies a non-2xx answer.
     *
     * @param secrets what the request carried that must not come back in the message (the token, the client
     *                credentials), should the answer repeat the request
     */
    static HyperproofException failure(String what, HttpTransport.Response response, Clock clock, String... secrets) {
        int status = response.status();
        String message = errorMessage(response.body(), secrets);
        String text = "cannot " + what + ": Hyperproof answered " + status + (message.isEmpty() ? "" : " " + message);
        boolean retryable = status == 429 || status >= 500 || status == 408 || status == 403 && isQuota(response.body());
        return new HyperproofException(text, status, retryable);
    }

    /** True for the 403 that means throttling ("Bandwidth quota exceeded"), not a missing permission. */
    static boolean isQuota(String body) {
        return body != null && body.toLowerCase(java.util.Locale.ROOT).contains("quota exceeded");
    }

    /**
     * The {@code message} (or {@code error}) of a JSON error body, else a bounded excerpt of the text; the
     * {@code secrets}, and anything that looks like a credential, masked (see {@link Redaction}).
     */
    static String errorMessage(String body, String... secrets) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body.strip();
        try {
            JsonElement element = com.google.gson.JsonParser.parseString(text);
            if (element.isJsonObject()) {
                JsonObject object = element.getAsJsonObject();
                String message = firstString(object, "message", "error_description", "error");
                if (message != null) {
                    text = message;
                }
            }
        } catch (RuntimeException ignored) {
            // not JSON: use the text
        }
        text = Redaction.redact(text.replaceAll("\\s+", " "), secrets);
        return "(" + (text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "..." : text) + ")";
    }

    static String describe(IOException e) {
        String kind = e instanceof SocketTimeoutException ? "timed out" : "connection failed";
        return kind + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
    }

    private static String firstString(JsonObject object, String... names) {
        for (String name : names) {
            JsonElement value = object.get(name);
            if (value != null && value.isJsonPrimitive()) {
                return value.getAsString();
            }
        }
        return null;
    }

}
