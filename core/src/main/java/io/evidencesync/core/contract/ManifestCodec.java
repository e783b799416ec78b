package io.evidencesync.core.contract;

import static io.evidencesync.core.PrettyJson.string;
import static io.evidencesync.core.PrettyJson.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonWriter;

import io.evidencesync.core.EvidenceException;

/**
 * Writes and reads {@link RunManifest} JSON (UTF-8, pretty-printed for auditors). Written member by member in the
 * order docs/contract.md shows, nulls left out and {@code results} sorted by name, so that the same manifest is
 * always the same bytes; read with Gson's reflection, which also reads manifests written before. Writing needs no
 * reflection: a publish writes its manifest last, when nothing else is left to overlap with Gson's start.
 */
public final class ManifestCodec {
    public static final String SCHEMA = "evidence-sync/manifest/v1";

    private ManifestCodec() {
    }

    public static byte[] toJson(RunManifest manifest) {
        return write(out -> {
            out.setSerializeNulls(false); // a provenance attribute without a value is left out, as Gson left it
            out.beginObject();
            string(out, "schema", manifest.schema());
            string(out, "bucket", manifest.bucket());
            out.name("provenance").beginObject();
            for (Map.Entry<String, String> attribute : manifest.provenance().entrySet()) {
                out.name(attribute.getKey()).value(attribute.getValue());
            }
            out.endObject();
            string(out, "producer", manifest.producer());
            string(out, "publishedAt", manifest.publishedAt());
            out.name("objects").beginArray();
            for (ManifestEntry entry : manifest.objects()) {
                entry(out, entry);
            }
            out.endArray();
            out.endObject();
        });
    }

    private static void entry(JsonWriter out, ManifestEntry entry) throws IOException {
        out.beginObject();
        string(out, "key", entry.key());
        string(out, "path", entry.path());
        out.name("size").value(entry.size());
        string(out, "sha256", entry.sha256());
        string(out, "format", entry.format());
        out.name("compressed").value(entry.compressed());
        out.name("records").value(entry.records());
        strings(out, "controls", entry.controls());
        strings(out, "frameworks", entry.frameworks());
        strings(out, "requirements", entry.requirements());
        strings(out, "policyRules", entry.policyRules());
        out.name("results").beginObject();
        for (Map.Entry<String, Long> result : new TreeMap<>(entry.results()).entrySet()) {
            out.name(result.getKey()).value(result.getValue());
        }
        out.endObject();
        string(out, "versionId", entry.versionId());
        string(out, "etag", entry.etag());
        out.endObject();
    }

    private static void strings(JsonWriter out, String name, List<String> values) throws IOException {
        out.name(name).beginArray();
        for (String value : values) {
            out.value(value);
        }
        out.endArray();
    }

    /**
     * @param key where the manifest was read from, for messages
     */
    public static RunManifest fromJson(String key, byte[] json) {
        RunManifest manifest;
        try {
            manifest = Reading.GSON.fromJson(new String(json, StandardCharsets.UTF_8), RunManifest.class);
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

    /** Gson is built on first read only: writing does not need it. */
    private static final class Reading {
        static final Gson GSON = new GsonBuilder().create();
    }
}
