package io.evidencesync.core.hyperproof;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body for the JDK {@code HttpClient}, which has no multipart builder: text fields
 * first, then one file part streamed from disk, as a sequence of publishers (the file is never held in memory).
 */
final class MultipartBody {
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

    BodyPublisher publisher(String partName, ProofUpload upload) throws FileNotFoundException {
        List<BodyPublisher> parts = new ArrayList<>();
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
        parts.add(BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8));
        parts.add(BodyPublishers.ofFile(upload.file()));
        parts.add(BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        return BodyPublishers.concat(parts.toArray(BodyPublisher[]::new));
    }

    /** Quoted-string content as browsers write it (WHATWG / RFC 7578 §4.2): '"', CR and LF percent-encoded. */
    static String quote(String value) {
        return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
