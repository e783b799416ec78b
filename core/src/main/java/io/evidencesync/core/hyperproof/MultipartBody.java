package io.evidencesync.core.hyperproof;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body: text fields first, then one file part streamed from disk with a length known
 * in advance (the file is never held in memory).
 */
final class MultipartBody {
    private static final int CHUNK = 64 * 1024;

    private final String boundary = "----evidence-sync-" + UUID.randomUUID();
    private final Map<String, String> fields = new LinkedHashMap<>();

    MultipartBody field(String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(name, value);
        }
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /**
     * The body with the file of {@code upload} in part {@code partName}; its length counts the file's size now.
     *
     * @throws FileNotFoundException when the file does not exist
     */
    HttpTransport.Body body(String partName, ProofUpload upload) throws IOException {
        StringBuilder head = new StringBuilder();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            head.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(quote(field.getKey())).append("\"\r\n")
                    .append("Content-Type: text/plain; charset=UTF-8\r\n\r\n")
                    .append(field.getValue()).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(quote(partName)).append("\"; filename=\"")
                .append(quote(upload.filename())).append("\"\r\n")
                .append("Content-Type: ").append(upload.contentType()).append("\r\n\r\n");
        byte[] before = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] after = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        Path file = upload.file();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(file + " not found");
        }
        return new FilePart(before, file, size, after);
    }

    /** Quoted-string content as browsers write it (WHATWG / RFC 7578 §4.2): '"', CR and LF percent-encoded. */
    static String quote(String value) {
        return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    /**
     * The fields and part headers, the file's bytes copied in chunks, the closing boundary. A file that changed size
     * since {@link #length()} was taken fails the write instead of sending a body of another length.
     */
    private record FilePart(byte[] before, Path file, long size, byte[] after) implements HttpTransport.Body {
        @Override
        public long length() {
            return before.length + size + after.length;
        }

        @Override
        public boolean inMemory() {
            return false;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(before);
            byte[] chunk = new byte[CHUNK];
            long left = size;
            try (InputStream in = Files.newInputStream(file)) {
                while (left > 0) {
                    int read = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                    if (read < 0) {
                        throw new EOFException(file + " shrank while being sent (" + left + " of " + size + " bytes missing)");
                    }
                    out.write(chunk, 0, read);
                    left -= read;
                }
                if (in.read() >= 0) {
                    throw new IOException(file + " grew while being sent (it had " + size + " bytes)");
                }
            }
            out.write(after);
        }
    }
}
