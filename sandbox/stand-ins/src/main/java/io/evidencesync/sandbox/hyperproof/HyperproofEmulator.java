package io.evidencesync.sandbox.hyperproof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.evidencesync.sandbox.http.LoopbackHttpServer;
import io.evidencesync.sandbox.http.MultipartFormParser;

/**
 * A local, strict stand-in for Hyperproof's REST API and its OAuth token endpoint, over plain HTTP on
 * {@code 127.0.0.1}, for testing a proof-upload client end to end.
 *
 * <p>Serves {@code POST /oauth/token} (client credentials, form-encoded), and with a valid bearer token
 * {@code GET /v1/controls[/{id}]}, {@code GET /v1/labels[/{id}]}, {@code GET /v1/users}, the uploads
 * {@code POST /v1/proof}, {@code /v1/controls/{id}/proof}, {@code /v1/labels/{id}/proof}, {@code /v1/tasks/{id}/proof},
 * {@code /v1/proof/{id}/versions}, and {@code GET /v1/proof[/{id}[/contents]]}.
 *
 * <p>Uploads are checked in this order: a well-formed {@code multipart/form-data} body with the boundary from the
 * {@code Content-Type} (else 400); exactly one file, in part {@code proof} (400); a file size below
 * {@link HyperproofEmulatorSettings#maxProofSizeBytes()} (413); an existing control, label, task or proof (404); an
 * owner: a service account must send {@code hp-proof-owned-by} (400 "Service accounts cannot be proof owners."), and
 * {@code hp-proof-owned-by} must be a seeded user's id (400); {@code hp-proof-source-modified-on}, when sent, an
 * ISO-8601 date-time with offset (400). Errors are {@code {"statusCode": n, "message": ...}}; token errors follow
 * RFC 6749 section 5.2. Where Hyperproof documents nothing (token lifetime, size limit, whether new versions need an
 * owner, the {@code fileExtension} format, the paging token), the choice made is stated where it is made.
 *
 * <pre>
 * try (HyperproofEmulator hp = HyperproofEmulator.start()) {
 *     UUID owner = hp.addUser("owner@example.com");
 *     hp.addServiceAccount("client-id", "client-secret");
 *     UUID control = hp.addControl("SOC2-CC7.2", "Change monitoring");
 *     // point the client at hp.baseUri() (API) and hp.tokenUri() (token endpoint)
 *     hp.faults().enqueue(Fault.tooManyRequests());
 *     ...
 *     assertThat(hp.proofsForControl(control)).hasSize(1);
 * }
 * </pre>
 */
public final class HyperproofEmulator implements AutoCloseable {
    private final HyperproofEmulatorSettings settings;
    private final LoopbackHttpServer server;
    private final Path workDirectory;
    private final OrgDirectory directory;
    private final TokenStore tokens;
    private final ProofStore proofs;
    private final FaultQueue faults;
    private final List<RecordedRequest> requests;

    private HyperproofEmulator(HyperproofEmulatorSettings settings, LoopbackHttpServer server, Path workDirectory,
            OrgDirectory directory, TokenStore tokens, ProofStore proofs, FaultQueue faults, List<RecordedRequest> requests) {
        this.settings = settings;
        this.server = server;
        this.workDirectory = workDirectory;
        this.directory = directory;
        this.tokens = tokens;
        this.proofs = proofs;
        this.faults = faults;
        this.requests = requests;
    }

    /** Starts with {@link HyperproofEmulatorSettings#defaults()}. */
    public static HyperproofEmulator start() throws IOException {
        return start(HyperproofEmulatorSettings.defaults());
    }

    public static HyperproofEmulator start(HyperproofEmulatorSettings settings) throws IOException {
        Path work = Files.createTempDirectory("hyperproof-emulator-");
        OrgDirectory directory = new OrgDirectory(settings.clock());
        TokenStore tokens = new TokenStore(settings.clock(), settings.tokenLifetime());
        ProofStore proofs = new ProofStore(Files.createDirectory(work.resolve("proofs")), settings.clock());
        FaultQueue faults = new FaultQueue();
        List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
        HyperproofJson json = new HyperproofJson(settings.orgId());
        MultipartFormParser parser = new MultipartFormParser(Files.createDirectory(work.resolve("incoming")),
                settings.maxProofSizeBytes(), MultipartFormParser.DEFAULT_MAX_FIELD_BYTES);
        ProofUploadEndpoint uploads = new ProofUploadEndpoint(directory, proofs, parser, json, settings.maxProofSizeBytes());
        ProofQueryEndpoints queries = new ProofQueryEndpoints(proofs, json);
        DirectoryEndpoints objects = new DirectoryEndpoints(directory, json);
        String id = "([^/]+)";
        Router router = new Router(tokens)
                .open("POST", "/oauth/token", new TokenEndpoint(directory, tokens))
                .bearer("GET", "/v1/controls", objects::listControls)
                .bearer("GET", "/v1/controls/" + id, objects::getControl)
                .bearer("POST", "/v1/controls/" + id + "/proof", uploads::toControl)
                .bearer("GET", "/v1/labels", objects::listLabels)
                .bearer("GET", "/v1/labels/" + id, objects::getLabel)
                .bearer("POST", "/v1/labels/" + id + "/proof", uploads::toLabel)
                .bearer("POST", "/v1/tasks/" + id + "/proof", uploads::toTask)
                .bearer("GET", "/v1/users", objects::listUsers)
                .bearer("POST", "/v1/proof", uploads::toOrganization)
                .bearer("GET", "/v1/proof", queries::list)
                .bearer("GET", "/v1/proof/" + id, queries::get)
                .bearer("GET", "/v1/proof/" + id + "/contents", queries::contents)
                .bearer("POST", "/v1/proof/" + id + "/versions", uploads::newVersion);
        LoopbackHttpServer server = LoopbackHttpServer.start("hyperproof-emulator", settings.port(),
                new HyperproofHandler(router, faults, requests, settings.clock()));
        return new HyperproofEmulator(settings, server, work, directory, tokens, proofs, faults, requests);
    }

    /** The API base, {@code http://127.0.0.1:PORT}: the stand-in for {@code https://api.hyperproof.app} (paths start with {@code /v1}). */
    public URI baseUri() {
        return server.baseUri();
    }

    /** The token endpoint, {@code http://127.0.0.1:PORT/oauth/token}: the stand-in for {@code https://accounts.hyperproof.app/oauth/token}. */
    public URI tokenUri() {
        return URI.create(baseUri() + "/oauth/token");
    }

    public int port() {
        return server.port();
    }

    public UUID orgId() {
        return settings.orgId();
    }

    public HyperproofEmulatorSettings settings() {
        return settings;
    }

    /**
     * Registers a service-account API client. Its uploads must name an owner in {@code hp-proof-owned-by}.
     *
     * @return the service account's id, reported as {@code createdBy} on its uploads
     */
    public UUID addServiceAccount(String clientId, String clientSecret) {
        return directory.addClient(clientId, clientSecret, ApiClient.Kind.SERVICE_ACCOUNT, UUID.randomUUID());
    }

    /**
     * Registers a personal API client acting as a seeded user, who owns its uploads unless
     * {@code hp-proof-owned-by} names another user.
     */
    public void addPersonalClient(String clientId, String clientSecret, UUID userId) {
        if (directory.user(userId).isEmpty()) {
            throw new IllegalArgumentException("user " + userId + " is not seeded; call addUser first");
        }
        directory.addClient(clientId, clientSecret, ApiClient.Kind.PERSONAL, userId);
    }

    /** Seeds a user (a valid {@code hp-proof-owned-by}); names are derived from the e-mail's local part. */
    public UUID addUser(String email) {
        String local = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
        return addUser(email, local.isEmpty() ? local : local.substring(0, 1).toUpperCase(Locale.ROOT) + local.substring(1), "Sandbox");
    }

    public UUID addUser(String email, String givenName, String surname) {
        return directory.addUser(email, givenName, surname);
    }

    /** Seeds an active control; {@code controlIdentifier} must be unique. */
    public UUID addControl(String controlIdentifier, String name) {
        return addControl(controlIdentifier, name, "active");
    }

    /** Seeds a control with a status such as {@code active} or {@code archived} (filtered by {@code ?status=}). */
    public UUID addControl(String controlIdentifier, String name, String status) {
        return directory.addControl(controlIdentifier, name, status);
    }

    public UUID addLabel(String name) {
        return directory.addLabel(name);
    }

    public UUID addTask(String title) {
        return directory.addTask(title);
    }

    /** Invalidates every issued token; the next API call with one gets 401 (to test refresh-on-401). */
    public void revokeAllTokens() {
        tokens.revokeAll();
    }

    /** Faults to inject into the next requests. */
    public FaultQueue faults() {
        return faults;
    }

    /** Every request received since start or the last {@link #reset()}, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Every stored proof, in order of first upload. */
    public List<Proof> proofs() {
        return proofs.all();
    }

    public Optional<Proof> proof(UUID proofId) {
        return proofs.find(proofId);
    }

    public List<Proof> proofsForControl(UUID controlId) {
        return linkedTo(ProofObjectType.CONTROL, controlId);
    }

    public List<Proof> proofsForLabel(UUID labelId) {
        return linkedTo(ProofObjectType.LABEL, labelId);
    }

    public List<Proof> proofsForTask(UUID taskId) {
        return linkedTo(ProofObjectType.TASK, taskId);
    }

    /**
     * The stored bytes of one version.
     *
     * @throws NoSuchElementException if the proof or version is unknown
     */
    public byte[] proofContent(UUID proofId, int version) {
        Path content = proofs.content(proofId, version)
                .orElseThrow(() -> new NoSuchElementException("no version " + version + " of proof " + proofId));
        try {
            return Files.readAllBytes(content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stored proof " + proofId, e);
        }
    }

    /**
     * Replaces the stored bytes of one version behind the API's back, as if the file had been altered inside
     * Hyperproof: what the auditor's trace must detect. Metadata (size, SHA-256 recorded at upload) stays as it was.
     *
     * @throws NoSuchElementException if the proof or version is unknown
     */
    public void tamperContent(UUID proofId, int version, byte[] bytes) {
        Path content = proofs.content(proofId, version)
                .orElseThrow(() -> new NoSuchElementException("no version " + version + " of proof " + proofId));
        try {
            Files.write(content, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot alter stored proof " + proofId, e);
        }
    }

    /**
     * Forgets proofs, recorded requests, pending faults and issued tokens. Seeded clients, users, controls, labels
     * and tasks stay, so seeding once per test class works with a reset before each test.
     */
    public void reset() {
        try {
            proofs.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete stored proofs", e);
        }
        requests.clear();
        faults.clear();
        tokens.revokeAll();
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> paths = Files.walk(workDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private List<Proof> linkedTo(ProofObjectType type, UUID objectId) {
        return proofs.all().stream().filter(proof -> proof.isLinkedTo(type, objectId)).toList();
    }
}
