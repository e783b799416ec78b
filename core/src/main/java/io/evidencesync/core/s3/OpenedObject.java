package io.evidencesync.core.s3;

import java.io.IOException;
import java.io.InputStream;

import software.amazon.awssdk.http.AbortableInputStream;

/**
 * A GetObject whose headers have arrived and whose body is still on the wire. {@link #close} closes the body;
 * {@link #abort} drops the connection instead of draining an unread body (a duplicate's, or one refused by size).
 */
public final class OpenedObject implements AutoCloseable {
    private final ObjectInfo info;
    private final AbortableInputStream body;

    public OpenedObject(ObjectInfo info, AbortableInputStream body) {
        this.info = info;
        this.body = body;
    }

    public ObjectInfo info() {
        return info;
    }

    /** The body, streamed: read it once. */
    public InputStream body() {
        return body;
    }

    public void abort() {
        body.abort();
        close();
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // the body is no longer needed
        }
    }
}
