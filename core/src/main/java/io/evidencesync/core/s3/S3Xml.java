package io.evidencesync.core.s3;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The little XML the multipart calls exchange with S3: the UploadId and ETag of its answers, and the part list of a
 * CompleteMultipartUpload. S3's answers are flat and machine-written, so reading one element's text is enough.
 */
final class S3Xml {
    /** Error codes of a CompleteMultipartUpload that answered 200 and failed, worth another attempt. */
    static final Set<String> RETRYABLE_CODES = Set.of("InternalError", "SlowDown", "ServiceUnavailable");

    private S3Xml() {
    }

    /** The unescaped text of the first {@code <name>} element, or null when there is none. */
    static String element(String xml, String name) {
        int open = xml.indexOf("<" + name + ">");
        int close = open < 0 ? -1 : xml.indexOf("</" + name + ">", open);
        if (close < 0) {
            return null;
        }
        return unescape(xml.substring(open + name.length() + 2, close).strip());
    }

    static byte[] completeMultipartUpload(List<S3Objects.Part> parts) {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (S3Objects.Part part : parts) {
            xml.append("<Part><PartNumber>").append(part.number()).append("</PartNumber><ETag>")
                    .append(escape(part.etag())).append("</ETag><ChecksumCRC32C>").append(escape(part.crc32cBase64()))
                    .append("</ChecksumCRC32C></Part>");
        }
        return xml.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#34;", "\"").replace("&amp;", "&");
    }
}
