package io.evidencesync.sandbox.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Streaming parser for {@code multipart/form-data} request bodies (RFC 7578 on RFC 2046): text fields are kept in
 * memory up to a limit, file parts are streamed to temporary files, so a large upload never sits in the heap.
 *
 * <p>Strict on purpose, because passing against it should mean something: the boundary must come from the
 * {@code Content-Type}, lines must end in CRLF, every part needs {@code Content-Disposition: form-data; name=...},
 * text field names must be unique, and the body must end with the close delimiter. A part is a file part when its
 * {@code Content-Disposition} has a {@code filename} (or RFC 5987 {@code filename*}) parameter.
 */
public final class MultipartFormParser {
    /** Default limit for one text field. */
    public static final int DEFAULT_MAX_FIELD_BYTES = 64 * 1024;
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_HEADERS_PER_PART = 32;
    private static final int MAX_PARTS = 256;
    // RFC 2046 section 5.1.1 bchars, 1 to 70 characters, not ending in a space
    private static final Pattern BOUNDARY = Pattern.compile("[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]");
    private static final byte[] CRLF = {'\r', '\n'};

    private final Path tempDirectory;
    private final long maxFileBytes;
    private final int maxFieldBytes;

    /**
     * @param tempDirectory where file parts are written
     * @param maxFileBytes  a file part of this many bytes or more is counted but not kept ({@link FilePart#exceedsLimit()})
     * @param maxFieldBytes a text field longer than this makes the body malformed
     */
    public MultipartFormParser(Path tempDirectory, long maxFileBytes, int maxFieldBytes) {
        this.tempDirectory = Objects.requireNonNull(tempDirectory, "tempDirectory");
        this.maxFileBytes = maxFileBytes;
        this.maxFieldBytes = maxFieldBytes;
    }

    /**
     * Reads the whole body.
     *
     * @param body        the request body; read to its end, not closed
     * @param contentType the request's {@code Content-Type} header; must be {@code multipart/form-data} with a boundary
     * @throws MalformedMultipartException if the header or the body breaks the format; no temporary file is left
     */
    public MultipartForm parse(InputStream body, String contentType) throws IOException, MalformedMultipartException {
        byte[] delimiter = ("\r\n--" + boundaryOf(contentType)).getBytes(StandardCharsets.US_ASCII);
        // the first delimiter may start the body, so give it the CRLF that every later one has
        BoundaryScanner scanner = new BoundaryScanner(body, CRLF);
        Map<String, String> fields = new LinkedHashMap<>();
        List<FilePart> files = new ArrayList<>();
        try {
            if (!scanner.copyUntil(delimiter, OutputStream.nullOutputStream())) {
                throw new MalformedMultipartException("the body does not contain the boundary from Content-Type");
            }
            for (int parts = 1; ; parts++) {
                String afterDelimiter = scanner.readTwoBytes();
                if ("--".equals(afterDelimiter)) {
                    scanner.drain();
                    return new MultipartForm(fields, files);
                }
                if (!"\r\n".equals(afterDelimiter)) {
                    throw new MalformedMultipartException("a boundary delimiter must be followed by CRLF or '--'");
                }
                if (parts > MAX_PARTS) {
                    throw new MalformedMultipartException("more than " + MAX_PARTS + " parts");
                }
                readPart(scanner, delimiter, fields, files);
            }
        } catch (MalformedMultipartException | IOException | RuntimeException e) {
            files.forEach(FilePart::delete);
            throw e;
        }
    }

    private void readPart(BoundaryScanner scanner, byte[] delimiter, Map<String, String> fields, List<FilePart> files)
            throws IOException, MalformedMultipartException {
        Map<String, String> headers = readHeaders(scanner);
        HeaderValue disposition = parseHeader(headers.get("Content-Disposition"), "Content-Disposition");
        if (!"form-data".equals(disposition.value())) {
            throw new MalformedMultipartException("a part's Content-Disposition must be form-data");
        }
        String name = disposition.parameter("name")
                .orElseThrow(() -> new MalformedMultipartException("a part's Content-Disposition has no name"));
        String filename = filename(disposition);
        if (filename == null) {
            if (fields.containsKey(name)) {
                throw new MalformedMultipartException("field '" + name + "' is sent more than once");
            }
            fields.put(name, readField(scanner, delimiter, name));
            return;
        }
        FilePartSink sink = new FilePartSink(tempDirectory, maxFileBytes);
        boolean complete = false;
        try {
            complete = scanner.copyUntil(delimiter, sink);
        } finally {
            if (!complete) {
                sink.abandon();
            }
        }
        if (!complete) {
            throw new MalformedMultipartException("the body ended inside part '" + name + "' (no closing boundary)");
        }
        files.add(sink.finish(name, filename, headers.getOrDefault("Content-Type", "text/plain")));
    }

    private String readField(BoundaryScanner scanner, byte[] delimiter, String name)
            throws IOException, MalformedMultipartException {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        OutputStream bounded = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (value.size() + length > maxFieldBytes) {
                    throw new FieldTooLargeException();
                }
                value.write(bytes, offset, length);
            }
        };
        try {
            if (!scanner.copyUntil(delimiter, bounded)) {
                throw new MalformedMultipartException("the body ended inside field '" + name + "' (no closing boundary)");
            }
        } catch (FieldTooLargeException e) {
            throw new MalformedMultipartException("field '" + name + "' is longer than " + maxFieldBytes + " bytes");
        }
        return value.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, String> readHeaders(BoundaryScanner scanner) throws IOException, MalformedMultipartException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = scanner.readLine(MAX_HEADER_LINE); !line.isEmpty(); line = scanner.readLine(MAX_HEADER_LINE)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                throw new MalformedMultipartException("malformed part header line");
            }
            if (headers.size() == MAX_HEADERS_PER_PART) {
                throw new MalformedMultipartException("more than " + MAX_HEADERS_PER_PART + " headers in a part");
            }
            String name = line.substring(0, colon).trim();
            if (headers.put(name, line.substring(colon + 1).trim()) != null) {
                throw new MalformedMultipartException("part header '" + name + "' is repeated");
            }
        }
        return headers;
    }

    private static String filename(HeaderValue disposition) throws MalformedMultipartException {
        String extended = disposition.parameters().get("filename*");
        if (extended != null) {
            return decodeExtendedValue(extended);
        }
        return disposition.parameters().get("filename");
    }

    /** RFC 5987 {@code charset'language'percent-encoded}. */
    private static String decodeExtendedValue(String value) throws MalformedMultipartException {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            throw new MalformedMultipartException("filename* is not charset'language'value");
        }
        try {
            // percent-decoding only: a literal '+' stays a plus
            return URLDecoder.decode(value.substring(second + 1).replace("+", "%2B"), value.substring(0, first));
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            throw new MalformedMultipartException("filename* cannot be decoded: " + e.getMessage());
        }
    }

    private static String boundaryOf(String contentType) throws MalformedMultipartException {
        HeaderValue header = parseHeader(contentType, "Content-Type");
        if (!"multipart/form-data".equals(header.value())) {
            throw new MalformedMultipartException("Content-Type must be multipart/form-data, was "
                    + (header.value().isEmpty() ? "empty" : header.value()));
        }
        String boundary = header.parameter("boundary")
                .orElseThrow(() -> new MalformedMultipartException("Content-Type has no boundary parameter"));
        if (!BOUNDARY.matcher(boundary).matches()) {
            throw new MalformedMultipartException("the boundary is not 1 to 70 RFC 2046 characters");
        }
        return boundary;
    }

    private static HeaderValue parseHeader(String value, String name) throws MalformedMultipartException {
        if (value == null) {
            throw new MalformedMultipartException(name + " is missing");
        }
        try {
            return HeaderValue.parse(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedMultipartException(name.toLowerCase(Locale.ROOT) + ": " + e.getMessage());
        }
    }

    /** Thrown through {@link BoundaryScanner#copyUntil} to stop a text field at its limit. */
    private static final class FieldTooLargeException extends IOException {
        FieldTooLargeException() {
            super("field too large");
        }
    }
}
