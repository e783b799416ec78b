package io.evidencesync.sandbox.hyperproof;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.evidencesync.sandbox.http.HttpExchanges;

/**
 * One request as the emulator received it, and the status it answered with. {@link #toString()} never shows the
 * {@code Authorization} value; the token endpoint's {@code client_secret} is stored as {@value #REDACTED}.
 *
 * @param query      the raw query string, or null
 * @param headers    request headers, names matched case-insensitively
 * @param formFields text fields of a form or multipart body (token requests, uploads), in the order sent
 * @param files      file parts of a multipart body
 * @param status     the HTTP status sent, or {@link #NO_RESPONSE} when the connection was dropped
 */
public record RecordedRequest(Instant receivedAt, String method, String path, String query, Map<String, List<String>> headers,
        Map<String, String> formFields, List<RecordedFile> files, int status) {
    /** {@link #status()} of a request whose connection was closed without a response. */
    public static final int NO_RESPONSE = 0;
    /** Stands in for a secret value in {@link #formFields()}. */
    public static final String REDACTED = "<redacted>";

    public RecordedRequest {
        Map<String, List<String>> headerCopy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headerCopy.putAll(headers);
        headers = Collections.unmodifiableMap(headerCopy);
        formFields = Collections.unmodifiableMap(new LinkedHashMap<>(formFields));
        files = List.copyOf(files);
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        return HttpExchanges.firstValue(headers, name);
    }

    /** The file in the part named {@code proof}, if one was received. */
    public Optional<RecordedFile> proofFile() {
        return files.stream().filter(file -> UploadFields.PROOF.equals(file.partName())).findFirst();
    }

    public boolean responded() {
        return status != NO_RESPONSE;
    }

    @Override
    public String toString() {
        Map<String, List<String>> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> shown.put(name, "Authorization".equalsIgnoreCase(name) ? List.of(REDACTED) : values));
        return "RecordedRequest[" + method + " " + path + (query == null ? "" : "?" + query) + " -> "
                + (responded() ? Integer.toString(status) : "no response") + ", receivedAt=" + receivedAt + ", headers=" + shown
                + ", formFields=" + formFields + ", files=" + files + "]";
    }
}
