package io.evidencesync.sandbox.hyperproof;

/** Names of the multipart parts of a proof upload that the emulator interprets. */
final class UploadFields {
    /** The file part; any other file part is refused. */
    static final String PROOF = "proof";
    static final String OWNED_BY = "hp-proof-owned-by";
    static final String SOURCE_ID = "hp-proof-source-id";
    static final String SOURCE_FILE_ID = "hp-proof-source-file-id";
    static final String SOURCE_MODIFIED_ON = "hp-proof-source-modified-on";

    private UploadFields() {
    }
}
