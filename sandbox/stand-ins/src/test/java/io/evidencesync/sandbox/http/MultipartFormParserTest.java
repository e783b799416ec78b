package io.evidencesync.sandbox.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartFormParserTest {
    private static final String BOUNDARY = "----evidence-boundary-7MA4YWxkTrZu0gW";
    private static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    @TempDir
    Path temp;

    @Test
    void shouldReadTextFieldsAndStreamTheFilePartToATemporaryFile() throws Exception {
        byte[] body = body(
                field("hp-proof-owned-by", "9f1c0c7e-3a0b-4a53-9a49-3d3c2f7f4a10"),
                file("proof", "my file:1.json", "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
                field("contentType", "text/csv"));

        MultipartForm form = parser(1024).parse(new ByteArrayInputStream(body), CONTENT_TYPE);

        assertThat(form.fields()).containsExactly(
                entry("hp-proof-owned-by", "9f1c0c7e-3a0b-4a53-9a49-3d3c2f7f4a10"), entry("contentType", "text/csv"));
        assertThat(form.files()).singleElement().satisfies(part -> {
            assertThat(part.name()).isEqualTo("proof");
            assertThat(part.filename()).isEqualTo("my file:1.json");
            assertThat(part.contentType()).isEqualTo("application/json");
            assertThat(part.size()).isEqualTo(7);
            assertThat(part.sha256()).isEqualTo(sha256("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
            assertThat(part.content()).hasBinaryContent("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void shouldKeepBinaryContentExactWhenItContainsNearBoundariesAcrossBufferEdges() throws Exception {
        byte[] content = new byte[300_000];
        new Random(42).nextBytes(content);
        byte[] nearDelimiter = ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1)).getBytes(StandardCharsets.US_ASCII);
        for (int offset = 65_500; offset < content.length - nearDelimiter.length; offset += 65_536) {
            System.arraycopy(nearDelimiter, 0, content, offset, nearDelimiter.length);
        }

        MultipartForm form = parser(1_000_000).parse(
                new ByteArrayInputStream(body(file("proof", "blob.bin", "application/octet-stream", content))), CONTENT_TYPE);

        assertThat(form.files().get(0).content()).hasBinaryContent(content);
        assertThat(form.files().get(0).sha256()).isEqualTo(sha256(content));
    }

    @Test
    void shouldParseTheSameFormWhenTheBodyArrivesInChunksOfOneToSevenBytes() throws Exception {
        byte[] content = "line one\r\n--not-the-boundary\r\nline three".getBytes(StandardCharsets.UTF_8);
        byte[] body = body(field("hp-proof-source-id", "build-42"), file("proof", "r.txt", "text/plain", content),
                field("contentType", "text/plain"));
        Random random = new Random(7);
        java.io.InputStream trickle = new java.io.FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 1 + random.nextInt(7)));
            }
        };

        MultipartForm form = parser(1000).parse(trickle, CONTENT_TYPE);

        assertThat(form.fields()).containsExactly(entry("hp-proof-source-id", "build-42"), entry("contentType", "text/plain"));
        assertThat(form.files().get(0).content()).hasBinaryContent(content);
    }

    @Test
    void shouldDiscardAFilePartThatReachesTheLimitButKeepOneByteBelow() throws Exception {
        MultipartForm atLimit = parser(100).parse(
                new ByteArrayInputStream(body(file("proof", "a.bin", "application/octet-stream", new byte[100]))), CONTENT_TYPE);
        MultipartForm belowLimit = parser(100).parse(
                new ByteArrayInputStream(body(file("proof", "a.bin", "application/octet-stream", new byte[99]))), CONTENT_TYPE);

        assertThat(atLimit.files().get(0).exceedsLimit()).isTrue();
        assertThat(atLimit.files().get(0).size()).isEqualTo(100);
        assertThat(belowLimit.files().get(0).exceedsLimit()).isFalse();
        assertThat(belowLimit.files().get(0).content()).hasSize(99);
        try (var files = Files.list(temp)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void shouldDefaultAPartWithoutContentTypeToTextPlain() throws Exception {
        String raw = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"proof\"; filename=\"notes.txt\"\r\n\r\nhi\r\n--"
                + BOUNDARY + "--\r\n";

        MultipartForm form = parser(100).parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), CONTENT_TYPE);

        assertThat(form.files().get(0).contentType()).isEqualTo("text/plain");
    }

    @Test
    void shouldDecodeQuotedEscapesAndRfc5987FileNames() throws Exception {
        String raw = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"; filename=\"say \\\"hi\\\".txt\"\r\n\r\nx\r\n--"
                + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"b\"; filename=\"fallback.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9+1.txt\r\n\r\ny\r\n--"
                + BOUNDARY + "--";

        MultipartForm form = parser(100).parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), CONTENT_TYPE);

        assertThat(form.files()).extracting(FilePart::filename).containsExactly("say \"hi\".txt", "résumé+1.txt");
    }

    @Test
    void shouldIgnorePreambleAndEpilogue() throws Exception {
        String raw = "This is a preamble.\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--"
                + BOUNDARY + "--\r\nepilogue";

        MultipartForm form = parser(100).parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), CONTENT_TYPE);

        assertThat(form.fields()).containsExactly(entry("k", "v"));
    }

    @Test
    void shouldRejectABodyWithoutTheCloseDelimiterAndLeaveNoTemporaryFile() throws IOException {
        String raw = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"proof\"; filename=\"a.txt\"\r\n\r\ntruncated";

        assertThatThrownBy(() -> parser(100).parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), CONTENT_TYPE))
                .isInstanceOf(MalformedMultipartException.class)
                .hasMessageContaining("no closing boundary");
        try (var files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldRejectLineFeedOnlyLineEndings() {
        String raw = "--" + BOUNDARY + "\nContent-Disposition: form-data; name=\"k\"\n\nv\n--" + BOUNDARY + "--\n";

        assertThatThrownBy(() -> parser(100).parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), CONTENT_TYPE))
                .isInstanceOf(MalformedMultipartException.class);
    }

    @Test
    void shouldRejectAContentTypeThatIsNotMultipartFormDataWithABoundary() {
        byte[] body = body(field("k", "v"));

        assertThatThrownBy(() -> parser(100).parse(new ByteArrayInputStream(body), "application/json"))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("multipart/form-data");
        assertThatThrownBy(() -> parser(100).parse(new ByteArrayInputStream(body), "multipart/form-data"))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("no boundary");
        assertThatThrownBy(() -> parser(100).parse(new ByteArrayInputStream(body), "multipart/form-data; boundary=other"))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("does not contain the boundary");
    }

    @Test
    void shouldRejectARepeatedFieldAPartWithoutNameAndAnOversizedField() {
        assertThatThrownBy(() -> parser(100).parse(new ByteArrayInputStream(body(field("k", "1"), field("k", "2"))), CONTENT_TYPE))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("more than once");
        String noName = "--" + BOUNDARY + "\r\nContent-Disposition: form-data\r\n\r\nv\r\n--" + BOUNDARY + "--";
        assertThatThrownBy(() -> parser(100).parse(new ByteArrayInputStream(noName.getBytes(StandardCharsets.UTF_8)), CONTENT_TYPE))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("no name");
        MultipartFormParser smallFields = new MultipartFormParser(temp, 100, 4);
        assertThatThrownBy(() -> smallFields.parse(new ByteArrayInputStream(body(field("k", "12345"))), CONTENT_TYPE))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("longer than 4 bytes");
    }

    private MultipartFormParser parser(long maxFileBytes) {
        return new MultipartFormParser(temp, maxFileBytes, MultipartFormParser.DEFAULT_MAX_FIELD_BYTES);
    }

    private static Map.Entry<String, String> entry(String key, String value) {
        return Map.entry(key, value);
    }

    private static byte[] field(String name, String value) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] file(String name, String filename, String contentType, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] body(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
