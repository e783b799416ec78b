package io.evidencesync.core.receipt;

import static io.evidencesync.core.PrettyJson.string;
import static io.evidencesync.core.PrettyJson.write;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;

import io.evidencesync.core.EvidenceException;

/**
 * Writes and reads {@link Receipt} JSON (UTF-8, pretty-printed for auditors, instants as ISO-8601, absent values
 * left out, unknown names ignored). Field by field over Gson's streaming reader and writer: Gson's reflective
 * binding cost the function 100–130 ms on its first receipt of a cold start (bench/results/lambda-2026-11-27.md).
 */
public final class ReceiptCodec {
    public static final String SCHEMA = "evidence-sync/receipt/v1";
    public static final String INDEX_SCHEMA = "evidence-sync/index/v1";

    private ReceiptCodec() {
    }

    public static byte[] toJson(Receipt receipt) {
        return write(out -> writeReceipt(out, receipt));
    }

    /**
     * @param key where the receipt was read from, for messages
     */
    public static Receipt fromJson(String key, byte[] json) {
        Receipt receipt;
        try {
            receipt = read(json, ReceiptCodec::readReceipt);
        } catch (IOException | IllegalStateException | NumberFormatException | DateTimeParseException e) {
            throw new EvidenceException("receipt '" + key + "' is not valid JSON: " + e.getMessage(), e);
        }
        if (receipt == null || !SCHEMA.equals(receipt.schema()) || receipt.status() == null) {
            throw new EvidenceException("receipt '" + key + "' is not an Evidence Sync receipt (schema "
                    + (receipt == null ? "missing" : receipt.schema()) + ", expected " + SCHEMA + ")");
        }
        return receipt;
    }

    public static byte[] indexToJson(IndexEntry entry) {
        return write(out -> {
            out.beginObject();
            string(out, "schema", entry.schema());
            string(out, "runUrl", entry.runUrl());
            string(out, "proofId", entry.proofId());
            string(out, "bucket", entry.bucket());
            string(out, "key", entry.key());
            string(out, "versionId", entry.versionId());
            out.endObject();
        });
    }

    /**
     * @param key where the entry was read from, for messages
     */
    public static IndexEntry indexFromJson(String key, byte[] json) {
        IndexEntry entry;
        try {
            entry = read(json, in -> {
                String[] f = new String[6];
                in.beginObject();
                while (in.hasNext()) {
                    switch (in.nextName()) {
                        case "schema" -> f[0] = nextString(in);
                        case "runUrl" -> f[1] = nextString(in);
                        case "proofId" -> f[2] = nextString(in);
                        case "bucket" -> f[3] = nextString(in);
                        case "key" -> f[4] = nextString(in);
                        case "versionId" -> f[5] = nextString(in);
                        default -> in.skipValue();
                    }
                }
                in.endObject();
                return new IndexEntry(f[0], f[1], f[2], f[3], f[4], f[5]);
            });
        } catch (IOException | IllegalStateException e) {
            throw new EvidenceException("index entry '" + key + "' is not valid JSON: " + e.getMessage(), e);
        }
        if (entry == null || !INDEX_SCHEMA.equals(entry.schema()) || entry.key() == null) {
            throw new EvidenceException("index entry '" + key + "' is not an Evidence Sync index entry");
        }
        return entry;
    }

    private static void writeReceipt(JsonWriter out, Receipt r) throws IOException {
        out.beginObject();
        string(out, "schema", r.schema());
        string(out, "status", r.status() == null ? null : r.status().name());
        string(out, "bucket", r.bucket());
        string(out, "key", r.key());
        string(out, "versionId", r.versionId());
        string(out, "sha256", r.sha256());
        out.name("size").value(r.size());
        string(out, "lastModified", r.lastModified());
        string(out, "sequencer", r.sequencer());
        if (r.build() != null) {
            BuildLink b = r.build();
            out.name("build").beginObject();
            string(out, "runUrl", b.runUrl());
            string(out, "manifestKey", b.manifestKey());
            string(out, "ciSystem", b.ciSystem());
            string(out, "pipelineName", b.pipelineName());
            string(out, "runId", b.runId());
            out.name("runAttempt").value(b.runAttempt());
            string(out, "revision", b.revision());
            out.endObject();
        }
        out.name("proofs").beginArray();
        for (ReceiptProof p : r.proofs()) {
            out.beginObject();
            string(out, "target", p.target());
            string(out, "controlId", p.controlId());
            string(out, "controlIdentifier", p.controlIdentifier());
            string(out, "proofId", p.proofId());
            out.name("proofVersion").value(p.proofVersion());
            string(out, "filename", p.filename());
            string(out, "action", p.action());
            out.endObject();
        }
        out.endArray();
        string(out, "previousVersionId", r.previousVersionId());
        string(out, "claimToken", r.claimToken());
        string(out, "requestId", r.requestId());
        string(out, "claimedAt", r.claimedAt() == null ? null : r.claimedAt().toString());
        string(out, "claimExpiresAt", r.claimExpiresAt() == null ? null : r.claimExpiresAt().toString());
        string(out, "syncedAt", r.syncedAt() == null ? null : r.syncedAt().toString());
        string(out, "error", r.error());
        if (r.supersededBy() != null) {
            Receipt.Supersession s = r.supersededBy();
            out.name("supersededBy").beginObject();
            string(out, "versionId", s.versionId());
            string(out, "sequencer", s.sequencer());
            out.name("proofIds").beginArray();
            for (String id : s.proofIds()) {
                out.value(id);
            }
            out.endArray();
            out.endObject();
        }
        out.endObject();
    }

    private static Receipt readReceipt(JsonReader in) throws IOException {
        String schema = null, bucket = null, key = null, versionId = null, sha256 = null, lastModified = null;
        String sequencer = null, previousVersionId = null, claimToken = null, requestId = null, error = null;
        ReceiptStatus status = null;
        long size = 0;
        BuildLink build = null;
        List<ReceiptProof> proofs = List.of();
        Instant claimedAt = null, claimExpiresAt = null, syncedAt = null;
        Receipt.Supersession supersededBy = null;
        in.beginObject();
        while (in.hasNext()) {
            switch (in.nextName()) {
                case "schema" -> schema = nextString(in);
                case "status" -> status = status(nextString(in));
                case "bucket" -> bucket = nextString(in);
                case "key" -> key = nextString(in);
                case "versionId" -> versionId = nextString(in);
                case "sha256" -> sha256 = nextString(in);
                case "size" -> size = in.nextLong();
                case "lastModified" -> lastModified = nextString(in);
                case "sequencer" -> sequencer = nextString(in);
                case "build" -> build = isNull(in) ? null : readBuild(in);
                case "proofs" -> proofs = isNull(in) ? List.of() : readProofs(in);
                case "previousVersionId" -> previousVersionId = nextString(in);
                case "claimToken" -> claimToken = nextString(in);
                case "requestId" -> requestId = nextString(in);
                case "claimedAt" -> claimedAt = instant(nextString(in));
                case "claimExpiresAt" -> claimExpiresAt = instant(nextString(in));
                case "syncedAt" -> syncedAt = instant(nextString(in));
                case "error" -> error = nextString(in);
                case "supersededBy" -> supersededBy = isNull(in) ? null : readSupersession(in);
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new Receipt(schema, status, bucket, key, versionId, sha256, size, lastModified, sequencer, build, proofs,
                previousVersionId, claimToken, requestId, claimedAt, claimExpiresAt, syncedAt, error, supersededBy);
    }

    private static BuildLink readBuild(JsonReader in) throws IOException {
        String[] f = new String[6];
        int runAttempt = 0;
        in.beginObject();
        while (in.hasNext()) {
            switch (in.nextName()) {
                case "runUrl" -> f[0] = nextString(in);
                case "manifestKey" -> f[1] = nextString(in);
                case "ciSystem" -> f[2] = nextString(in);
                case "pipelineName" -> f[3] = nextString(in);
                case "runId" -> f[4] = nextString(in);
                case "runAttempt" -> runAttempt = in.nextInt();
                case "revision" -> f[5] = nextString(in);
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new BuildLink(f[0], f[1], f[2], f[3], f[4], runAttempt, f[5]);
    }

    private static List<ReceiptProof> readProofs(JsonReader in) throws IOException {
        List<ReceiptProof> proofs = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
            String[] f = new String[6];
            int version = 0;
            in.beginObject();
            while (in.hasNext()) {
                switch (in.nextName()) {
                    case "target" -> f[0] = nextString(in);
                    case "controlId" -> f[1] = nextString(in);
                    case "controlIdentifier" -> f[2] = nextString(in);
                    case "proofId" -> f[3] = nextString(in);
                    case "proofVersion" -> version = in.nextInt();
                    case "filename" -> f[4] = nextString(in);
                    case "action" -> f[5] = nextString(in);
                    default -> in.skipValue();
                }
            }
            in.endObject();
            proofs.add(new ReceiptProof(f[0], f[1], f[2], f[3], version, f[4], f[5]));
        }
        in.endArray();
        return proofs;
    }

    private static Receipt.Supersession readSupersession(JsonReader in) throws IOException {
        String versionId = null;
        String sequencer = null;
        List<String> proofIds = new ArrayList<>();
        in.beginObject();
        while (in.hasNext()) {
            switch (in.nextName()) {
                case "versionId" -> versionId = nextString(in);
                case "sequencer" -> sequencer = nextString(in);
                case "proofIds" -> {
                    if (!isNull(in)) {
                        in.beginArray();
                        while (in.hasNext()) {
                            proofIds.add(nextString(in));
                        }
                        in.endArray();
                    }
                }
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new Receipt.Supersession(versionId, sequencer, proofIds);
    }

    private static ReceiptStatus status(String name) {
        if (name == null) {
            return null;
        }
        try {
            return ReceiptStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null; // an unknown status: not a receipt this version understands
        }
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** Consumes a JSON null and says so; anything else is left to read. */
    private static boolean isNull(JsonReader in) throws IOException {
        if (in.peek() == JsonToken.NULL) {
            in.nextNull();
            return true;
        }
        return false;
    }

    private static String nextString(JsonReader in) throws IOException {
        return isNull(in) ? null : in.nextString();
    }

    private interface Reading<T> {
        T read(JsonReader in) throws IOException;
    }

    /** Reads one JSON object; null when the document is something else; anything after it is malformed. */
    private static <T> T read(byte[] json, Reading<T> body) throws IOException {
        try (JsonReader in = new JsonReader(new StringReader(new String(json, StandardCharsets.UTF_8)))) {
            if (in.peek() != JsonToken.BEGIN_OBJECT) {
                return null; // JSON null, or no object at all: not a receipt
            }
            T value = body.read(in);
            if (in.peek() != JsonToken.END_DOCUMENT) {
                throw new MalformedJsonException("more than one JSON value");
            }
            return value;
        }
    }
}
