package io.evidencesync.core.s3;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Where an S3 request goes: the configured endpoint (an S3-compatible store or a local stand-in, path-style when
 * so configured), else the regional AWS endpoint, virtual-hosted ({@code https://bucket.s3.region.amazonaws.com/key})
 * except for bucket names with dots (path-style on the regional host, since they do not match the TLS certificate).
 * Keys are encoded as S3 expects them: each path segment percent-encoded per RFC 3986, '/' kept.
 */
public final class S3Addressing {
    /** A request's target: scheme, host, port (-1 for the scheme's default) and the already encoded path. */
    public record Target(String scheme, String host, int port, String encodedPath) {
    }

    private final String region;
    private final URI endpoint;
    private final boolean pathStyle;

    /**
     * @param endpoint  an endpoint override, or null for AWS's regional endpoint
     * @param pathStyle path-style addressing on the override (bucket in the path instead of the host)
     */
    public S3Addressing(String region, URI endpoint, boolean pathStyle) {
        this.region = region;
        this.endpoint = endpoint;
        this.pathStyle = pathStyle;
    }

    public String region() {
        return region;
    }

    Target target(String bucket, String key) {
        String encodedKey = encodeKey(key);
        if (endpoint != null) {
            String base = endpoint.getRawPath() == null ? "" : stripTrailingSlash(endpoint.getRawPath());
            if (pathStyle) {
                return new Target(endpoint.getScheme(), endpoint.getHost(), endpoint.getPort(),
                        base + "/" + encodeSegment(bucket) + "/" + encodedKey);
            }
            return new Target(endpoint.getScheme(), bucket + "." + endpoint.getHost(), endpoint.getPort(),
                    base + "/" + encodedKey);
        }
        String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        String regional = "s3." + region + "." + domain;
        if (bucket.indexOf('.') >= 0) {
            return new Target("https", regional, -1, "/" + encodeSegment(bucket) + "/" + encodedKey);
        }
        return new Target("https", bucket + "." + regional, -1, "/" + encodedKey);
    }

    /** The key as an S3 path: every segment percent-encoded (RFC 3986 unreserved characters kept), '/' kept. */
    static String encodeKey(String key) {
        StringBuilder path = new StringBuilder(key.length() + 16);
        int start = 0;
        for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', start)) {
            path.append(encodeSegment(key.substring(start, slash))).append('/');
            start = slash + 1;
        }
        return path.append(encodeSegment(key.substring(start))).toString();
    }

    static String encodeSegment(String segment) {
        StringBuilder encoded = new StringBuilder(segment.length() + 8);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
                    || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private static String stripTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
