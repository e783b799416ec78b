package io.evidencesync.sandbox.hyperproof;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One stored version of a proof, as the emulator received it.
 *
 * @param version       0 for the first upload, then +1 per {@code POST /v1/proof/{id}/versions}
 * @param filename      from the {@code proof} part's {@code Content-Disposition}
 * @param contentType   the media type of the {@code proof} part's {@code Content-Type}, parameters dropped
 * @param fileExtension the file name's extension without the dot, lower-cased; empty when there is none
 * @param size          bytes in the file
 * @param sha256        lower-case hex SHA-256 of the file bytes
 * @param ownedBy       the owning user ({@code hp-proof-owned-by}, or the personal client's user)
 * @param createdBy     the uploading principal: the service account's id or the personal client's user
 * @param uploadedOn    the emulator clock's time of the upload
 * @param formFields    every text field of the upload, e.g. {@code hp-proof-source-file-id}
 */
public record ProofVersion(int version, String filename, String contentType, String fileExtension, long size, String sha256,
        UUID ownedBy, UUID createdBy, Instant uploadedOn, Map<String, String> formFields) {

    public ProofVersion {
        formFields = Collections.unmodifiableMap(new LinkedHashMap<>(formFields));
    }

    /** {@code hp-proof-source-id}, when sent. */
    public Optional<String> sourceId() {
        return Optional.ofNullable(formFields.get(UploadFields.SOURCE_ID));
    }

    /** {@code hp-proof-source-file-id}, when sent. */
    public Optional<String> sourceFileId() {
        return Optional.ofNullable(formFields.get(UploadFields.SOURCE_FILE_ID));
    }

    /** {@code hp-proof-source-modified-on}, as sent, when sent. */
    public Optional<String> sourceModifiedOn() {
        return Optional.ofNullable(formFields.get(UploadFields.SOURCE_MODIFIED_ON));
    }
}
