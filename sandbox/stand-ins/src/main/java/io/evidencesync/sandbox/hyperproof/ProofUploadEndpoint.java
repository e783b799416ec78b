package io.evidencesync.sandbox.hyperproof;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import io.evidencesync.sandbox.http.FilePart;
import io.evidencesync.sandbox.http.HeaderValue;
import io.evidencesync.sandbox.http.MalformedMultipartException;
import io.evidencesync.sandbox.http.MultipartForm;
import io.evidencesync.sandbox.http.MultipartFormParser;

/**
 * The proof upload endpoints: {@code POST /v1/proof}, {@code /v1/controls/{id}/proof}, {@code /v1/labels/{id}/proof},
 * {@code /v1/tasks/{id}/proof} and {@code /v1/proof/{id}/versions}.
 *
 * <p>Checks, in order: a well-formed {@code multipart/form-data} body (400); exactly one file, in part
 * {@code proof} (400); its size below the limit (413); the target object exists (404); the owner: a service
 * account must send {@code hp-proof-owned-by} ("Service accounts cannot be proof owners.", 400) and every
 * {@code hp-proof-owned-by} must be a seeded user's id (400); {@code hp-proof-source-modified-on}, when sent, is an
 * ISO-8601 date-time with offset (400). The owner rule is also applied to new versions (the conservative reading:
 * Hyperproof does not document it either way).
 */
final class ProofUploadEndpoint {
    static final String SERVICE_ACCOUNT_OWNER = "Service accounts cannot be proof owners.";

    private final OrgDirectory directory;
    private final ProofStore store;
    private final MultipartFormParser parser;
    private final HyperproofJson json;
    private final long maxProofSizeBytes;

    ProofUploadEndpoint(OrgDirectory directory, ProofStore store, MultipartFormParser parser, HyperproofJson json,
            long maxProofSizeBytes) {
        this.directory = directory;
        this.store = store;
        this.parser = parser;
        this.json = json;
        this.maxProofSizeBytes = maxProofSizeBytes;
    }

    /** Where an upload goes: checked after the body is read, like a server whose multipart middleware runs first. */
    private interface Target {
        void requireExists() throws ApiException;

        Proof store(ProofStore.Upload upload) throws IOException, ApiException;
    }

    ApiResponse toOrganization(ApiRequest request) throws ApiException, IOException {
        return upload(request, linkedTo(null));
    }

    ApiResponse toControl(ApiRequest request) throws ApiException, IOException {
        return upload(request, linkedTo(new ProofLink(ProofObjectType.CONTROL, request.pathId(0, "Control"))));
    }

    ApiResponse toLabel(ApiRequest request) throws ApiException, IOException {
        return upload(request, linkedTo(new ProofLink(ProofObjectType.LABEL, request.pathId(0, "Label"))));
    }

    ApiResponse toTask(ApiRequest request) throws ApiException, IOException {
        return upload(request, linkedTo(new ProofLink(ProofObjectType.TASK, request.pathId(0, "Task"))));
    }

    ApiResponse newVersion(ApiRequest request) throws ApiException, IOException {
        UUID proofId = request.pathId(0, "Proof");
        return upload(request, new Target() {
            @Override
            public void requireExists() throws ApiException {
                if (store.find(proofId).isEmpty()) {
                    throw ApiException.notFound("Proof " + proofId + " not found.");
                }
            }

            @Override
            public Proof store(ProofStore.Upload upload) throws IOException, ApiException {
                return store.addVersion(proofId, upload)
                        .orElseThrow(() -> ApiException.notFound("Proof " + proofId + " not found."));
            }
        });
    }

    private Target linkedTo(ProofLink link) {
        return new Target() {
            @Override
            public void requireExists() throws ApiException {
                if (link != null && !directory.exists(link.type(), link.objectId())) {
                    String kind = link.type().apiName();
                    throw ApiException.notFound(Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " "
                            + link.objectId() + " not found.");
                }
            }

            @Override
            public Proof store(ProofStore.Upload upload) throws IOException {
                return store.create(link, upload);
            }
        };
    }

    private ApiResponse upload(ApiRequest request, Target target) throws ApiException, IOException {
        MultipartForm form = parse(request);
        try {
            request.recordBody(form.fields(), form.files().stream()
                    .map(part -> new RecordedFile(part.name(), part.filename(), part.contentType(), part.size(), part.sha256()))
                    .toList());
            FilePart file = proofPart(form);
            if (file.exceedsLimit()) {
                throw ApiException.of(413, "Proof file is too large: " + file.size() + " bytes; the limit is below "
                        + maxProofSizeBytes + " bytes.");
            }
            target.requireExists();
            ApiClient client = request.client();
            UUID owner = owner(client, form.fields().get(UploadFields.OWNED_BY));
            requireIsoDateTime(form.fields().get(UploadFields.SOURCE_MODIFIED_ON));
            Proof proof = target.store(new ProofStore.Upload(file.filename(), mediaType(file.contentType()), file.size(),
                    file.sha256(), owner, client.principalId(), form.fields(), file.content()));
            return ApiResponse.json(200, json.proof(proof));
        } finally {
            form.deleteFiles();
        }
    }

    private MultipartForm parse(ApiRequest request) throws ApiException, IOException {
        try {
            return parser.parse(request.body(), request.header("Content-Type").orElse(null));
        } catch (MalformedMultipartException e) {
            throw ApiException.badRequest("Invalid multipart/form-data request: " + e.getMessage());
        }
    }

    private static FilePart proofPart(MultipartForm form) throws ApiException {
        for (FilePart part : form.files()) {
            if (!UploadFields.PROOF.equals(part.name())) {
                throw ApiException.badRequest("Unexpected file field '" + part.name() + "'; the file must be in part 'proof'.");
            }
        }
        List<FilePart> files = form.files();
        if (files.isEmpty()) {
            throw ApiException.badRequest(form.fields().containsKey(UploadFields.PROOF)
                    ? "Part 'proof' must be a file (its Content-Disposition needs a filename)."
                    : "No file uploaded: the file must be in multipart part 'proof'.");
        }
        if (files.size() > 1) {
            throw ApiException.badRequest("Only one file may be uploaded in part 'proof'.");
        }
        FilePart file = files.get(0);
        if (file.filename().isBlank()) {
            throw ApiException.badRequest("The proof file has no file name.");
        }
        return file;
    }

    private UUID owner(ApiClient client, String ownedBy) throws ApiException {
        if (ownedBy == null || ownedBy.isBlank()) {
            if (client.kind() == ApiClient.Kind.SERVICE_ACCOUNT) {
                throw ApiException.badRequest(SERVICE_ACCOUNT_OWNER);
            }
            return client.principalId();
        }
        UUID user;
        try {
            user = UUID.fromString(ownedBy.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(UploadFields.OWNED_BY + " must be a user id, was '" + ownedBy + "'.");
        }
        if (directory.user(user).isEmpty()) {
            throw ApiException.badRequest("User " + user + " in " + UploadFields.OWNED_BY + " is not a member of the organization.");
        }
        return user;
    }

    private static void requireIsoDateTime(String value) throws ApiException {
        if (value == null) {
            return;
        }
        try {
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(UploadFields.SOURCE_MODIFIED_ON + " must be an ISO-8601 date-time with offset, was '"
                    + value + "'.");
        }
    }

    private static String mediaType(String contentType) throws ApiException {
        try {
            return HeaderValue.parse(contentType).value();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The proof part's Content-Type is malformed: " + e.getMessage());
        }
    }
}
