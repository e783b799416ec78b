package io.evidencesync.core;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.google.gson.stream.JsonWriter;

/**
 * The documents Evidence Sync writes for people to read (run manifests, receipts, trace index entries): UTF-8 JSON,
 * indented by two spaces, HTML characters as they are, written member by member with Gson's {@link JsonWriter}.
 */
public final class PrettyJson {
    private PrettyJson() {
    }

    /** What writes one document's members. */
    @FunctionalInterface
    public interface Body {
        void write(JsonWriter out) throws IOException;
    }

    /** The document {@code body} writes, as UTF-8 bytes. */
    public static byte[] write(Body body) {
        StringWriter text = new StringWriter();
        try (JsonWriter out = new JsonWriter(text)) {
            out.setIndent("  ");
            out.setHtmlSafe(false);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A string member, left out when its value is null. */
    public static void string(JsonWriter out, String name, String value) throws IOException {
        if (value != null) {
            out.name(name).value(value);
        }
    }
}
