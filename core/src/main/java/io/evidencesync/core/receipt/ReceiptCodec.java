package io.evidencesync.core.receipt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import io.evidencesync.core.EvidenceException;

/** Writes and reads {@link Receipt} JSON (UTF-8, pretty-printed for auditors, instants as ISO-8601). */
public final class ReceiptCodec {
    public static final String SCHEMA = "evidence-sync/receipt/v1";
    public static final String INDEX_SCHEMA = "evidence-sync/index/v1";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe()).create();

    private ReceiptCodec() {
    }

    public static byte[] toJson(Receipt receipt) {
        return GSON.toJson(receipt).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param key where the receipt was read from, for messages
     */
    public static Receipt fromJson(String key, byte[] json) {
        Receipt receipt;
        try {
            receipt = GSON.fromJson(new String(json, StandardCharsets.UTF_8), Receipt.class);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new EvidenceException("receipt '" + key + "' is not valid JSON: " + e.getMessage(), e);
        }
        if (receipt == null || !SCHEMA.equals(receipt.schema()) || receipt.status() == null) {
            throw new EvidenceException("receipt '" + key + "' is not an Evidence Sync receipt (schema "
                    + (receipt == null ? "missing" : receipt.schema()) + ", expected " + SCHEMA + ")");
        }
        return receipt;
    }

    public static byte[] indexToJson(IndexEntry entry) {
        return GSON.toJson(entry).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param key where the entry was read from, for messages
     */
    public static IndexEntry indexFromJson(String key, byte[] json) {
        IndexEntry entry;
        try {
            entry = GSON.fromJson(new String(json, StandardCharsets.UTF_8), IndexEntry.class);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new EvidenceException("index entry '" + key + "' is not valid JSON: " + e.getMessage(), e);
        }
        if (entry == null || !INDEX_SCHEMA.equals(entry.schema()) || entry.key() == null) {
            throw new EvidenceException("index entry '" + key + "' is not an Evidence Sync index entry");
        }
        return entry;
    }

    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            return Instant.parse(in.nextString());
        }
    }
}
