package io.evidencesync.core.contract;

import java.nio.charset.StandardCharsets;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import io.evidencesync.core.EvidenceException;

/** Writes and reads {@link RunManifest} JSON (UTF-8, stable field order, pretty-printed for auditors). */
public final class ManifestCodec {
    public static final String SCHEMA = "evidence-sync/manifest/v1";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private ManifestCodec() {
    }

    public static byte[] toJson(RunManifest manifest) {
        return GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param key where the manifest was read from, for messages
     */
    public static RunManifest fromJson(String key, byte[] json) {
        RunManifest manifest;
        try {
            manifest = GSON.fromJson(new String(json, StandardCharsets.UTF_8), RunManifest.class);
        } catch (JsonParseException e) {
            throw new EvidenceException("manifest '" + key + "' is not valid JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // valid JSON that does not make a manifest (an entry without a key, say): untrusted input, named as such
            throw new EvidenceException("manifest '" + key + "' is not an Evidence Sync manifest: " + e, e);
        }
        if (manifest == null || !SCHEMA.equals(manifest.schema())) {
            throw new EvidenceException("manifest '" + key + "' is not an Evidence Sync manifest (schema "
                    + (manifest == null ? "missing" : manifest.schema()) + ", expected " + SCHEMA + ")");
        }
        return manifest;
    }
}
