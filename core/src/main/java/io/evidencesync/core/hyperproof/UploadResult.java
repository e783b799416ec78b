package io.evidencesync.core.hyperproof;

/**
 * The outcome of an upload.
 *
 * @param proof   the proof (new, or the new version)
 * @param adopted true when the upload was found already done (an earlier attempt whose answer was lost) and not
 *                repeated
 */
public record UploadResult(Proof proof, boolean adopted) {
}
