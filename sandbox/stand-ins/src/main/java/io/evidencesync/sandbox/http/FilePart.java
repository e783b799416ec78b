package io.evidencesync.sandbox.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file part of a {@code multipart/form-data} body: its headers and where its bytes were streamed to.
 *
 * @param name        the part name from {@code Content-Disposition}
 * @param filename    the file name from {@code Content-Disposition} ({@code filename*} wins over {@code filename})
 * @param contentType the part's {@code Content-Type} header as sent, {@code text/plain} when absent (RFC 7578 4.4)
 * @param size        the number of bytes in the part body, counted even past the size limit
 * @param sha256      lower-case hex SHA-256 of the bytes, or null when the part was over the limit
 * @param content     the temporary file holding the bytes, or null when the part was over the limit
 */
public record FilePart(String name, String filename, String contentType, long size, String sha256, Path content) {

    /** True when the part reached the parser's file size limit and its bytes were discarded. */
    public boolean exceedsLimit() {
        return content == null;
    }

    /** Deletes the temporary file, if any. */
    public void delete() {
        if (content != null) {
            try {
                Files.deleteIfExists(content);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + content, e);
            }
        }
    }
}
