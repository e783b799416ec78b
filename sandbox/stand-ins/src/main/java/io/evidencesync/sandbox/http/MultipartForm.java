package io.evidencesync.sandbox.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code multipart/form-data} body: the text fields in the order sent, and the file parts.
 *
 * @param fields text parts (no {@code filename}), decoded as UTF-8
 * @param files  parts with a {@code filename}, in the order sent
 */
public record MultipartForm(Map<String, String> fields, List<FilePart> files) {

    public MultipartForm {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        files = List.copyOf(files);
    }

    /** Deletes every file part's temporary file. */
    public void deleteFiles() {
        files.forEach(FilePart::delete);
    }
}
