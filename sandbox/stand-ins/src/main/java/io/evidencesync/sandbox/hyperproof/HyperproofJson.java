package io.evidencesync.sandbox.hyperproof;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import com.google.gson.JsonObject;

/** Renders the emulator's objects in the JSON shapes of Hyperproof's API (field names from its docs and SDK models). */
final class HyperproofJson {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final UUID orgId;

    HyperproofJson(UUID orgId) {
        this.orgId = orgId;
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    JsonObject control(OrgDirectory.Control control) {
        JsonObject json = new JsonObject();
        json.addProperty("id", control.id().toString());
        json.addProperty("orgId", orgId.toString());
        json.addProperty("controlType", "simple");
        json.addProperty("controlIdentifier", control.controlIdentifier());
        json.addProperty("name", control.name());
        json.addProperty("status", control.status());
        json.addProperty("createdOn", timestamp(control.createdOn()));
        json.addProperty("updatedOn", timestamp(control.createdOn()));
        return json;
    }

    JsonObject label(OrgDirectory.Label label) {
        JsonObject json = new JsonObject();
        json.addProperty("id", label.id().toString());
        json.addProperty("orgId", orgId.toString());
        json.addProperty("name", label.name());
        json.addProperty("status", label.status());
        json.addProperty("createdOn", timestamp(label.createdOn()));
        json.addProperty("updatedOn", timestamp(label.createdOn()));
        return json;
    }

    JsonObject user(OrgDirectory.User user) {
        JsonObject json = new JsonObject();
        json.addProperty("id", user.id().toString());
        json.addProperty("orgId", orgId.toString());
        json.addProperty("email", user.email());
        json.addProperty("givenName", user.givenName());
        json.addProperty("surname", user.surname());
        json.addProperty("state", "active");
        return json;
    }

    /** A proof as {@code GET /v1/proof/{id}} and the upload endpoints return it: its latest version's metadata. */
    JsonObject proof(Proof proof) {
        ProofVersion latest = proof.latest();
        JsonObject json = new JsonObject();
        json.addProperty("id", proof.id().toString());
        json.addProperty("orgId", orgId.toString());
        json.addProperty("filename", latest.filename());
        json.addProperty("contentType", latest.contentType());
        json.addProperty("fileExtension", latest.fileExtension());
        json.addProperty("size", latest.size());
        json.addProperty("version", latest.version());
        json.addProperty("source", "localComputer");
        latest.sourceId().ifPresent(value -> json.addProperty("sourceId", value));
        latest.sourceFileId().ifPresent(value -> json.addProperty("sourceFileId", value));
        latest.sourceModifiedOn().ifPresent(value -> json.addProperty("sourceModifiedOn", value));
        json.addProperty("ownedBy", latest.ownedBy().toString());
        json.addProperty("isPrivate", false);
        json.addProperty("uploadedOn", timestamp(latest.uploadedOn()));
        json.addProperty("status", "active");
        json.addProperty("createdBy", proof.first().createdBy().toString());
        json.addProperty("createdOn", timestamp(proof.first().uploadedOn()));
        json.addProperty("updatedBy", latest.createdBy().toString());
        json.addProperty("updatedOn", timestamp(latest.uploadedOn()));
        return json;
    }
}
