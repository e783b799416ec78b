package io.evidencesync.sandbox.hyperproof;

/**
 * A file part the emulator received, described without its bytes.
 *
 * @param partName    the multipart part name (a real upload uses {@code proof})
 * @param contentType the part's {@code Content-Type} header as sent ({@code text/plain} when absent)
 * @param sha256      lower-case hex SHA-256, or null when the file reached the size limit and was not kept
 */
public record RecordedFile(String partName, String filename, String contentType, long size, String sha256) {
}
