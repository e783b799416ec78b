package io.evidencesync.sandbox.hyperproof;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.Arrays;

/** Builds a multipart/form-data request body by hand, as a client on the JDK HttpClient must (test helper). */
final class MultipartBody {
    static final String BOUNDARY = "----evidence-sync-test-3f9a1c";

    private final List<Part> parts = new ArrayList<>();

    private record Part(byte[] head, Supplier<InputStream> content, long length) {
    }

    MultipartBody field(String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return add("Content-Disposition: form-data; name=\"" + name + "\"\r\n", () -> new ByteArrayInputStream(bytes), bytes.length);
    }

    MultipartBody file(String name, String filename, String contentType, byte[] content) {
        return add("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\nContent-Type: "
                + contentType + "\r\n", () -> new ByteArrayInputStream(content), content.length);
    }

    /** A file of {@code size} zero bytes that is generated while sending, never held in memory. */
    MultipartBody zeroFile(String name, String filename, long size) {
        return add("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n", () -> new ZeroInputStream(size), size);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    HttpRequest.BodyPublisher publisher() {
        byte[] closing = ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long length = closing.length;
        for (Part part : parts) {
            length += part.head.length + part.length + 2;
        }
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
            List<InputStream> streams = new ArrayList<>();
            for (Part part : parts) {
                streams.add(new ByteArrayInputStream(part.head));
                streams.add(part.content.get());
                streams.add(new ByteArrayInputStream("\r\n".getBytes(StandardCharsets.US_ASCII)));
            }
            streams.add(new ByteArrayInputStream(closing));
            return new SequenceInputStream(Collections.enumeration(streams));
        }), length);
    }

    private MultipartBody add(String headers, Supplier<InputStream> content, long length) {
        byte[] head = ("--" + BOUNDARY + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8);
        parts.add(new Part(head, content, length));
        return this;
    }

    private static final class ZeroInputStream extends InputStream {
        private long remaining;

        ZeroInputStream(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int count = (int) Math.min(length, remaining);
            Arrays.fill(buffer, offset, offset + count, (byte) 0);
            remaining -= count;
            return count;
        }
    }
}
