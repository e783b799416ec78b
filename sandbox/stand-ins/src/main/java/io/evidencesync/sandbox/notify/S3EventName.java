package io.evidencesync.sandbox.notify;

/** The {@code ObjectCreated} event names S3 puts in {@code Records[].eventName}. */
public enum S3EventName {
    PUT("ObjectCreated:Put"),
    POST("ObjectCreated:Post"),
    COPY("ObjectCreated:Copy"),
    COMPLETE_MULTIPART_UPLOAD("ObjectCreated:CompleteMultipartUpload");

    private final String wireName;

    S3EventName(String wireName) {
        this.wireName = wireName;
    }

    /** As it appears in the event, e.g. {@code ObjectCreated:Put}. */
    public String wireName() {
        return wireName;
    }
}
