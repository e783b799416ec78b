package io.evidencesync.sandbox.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Encodes an object key the way S3 writes it into event notifications: {@code application/x-www-form-urlencoded}
 * (UTF-8, space to {@code +}, {@code +} to {@code %2B}, {@code :} to {@code %3A}, {@code =} to {@code %3D}), with the
 * {@code /} separators kept. The reverse is {@code URLDecoder.decode(key, UTF_8)}, which is what
 * {@code S3EventNotification.S3ObjectEntity#getUrlDecodedKey()} in aws-lambda-java-events does.
 */
public final class S3KeyEncoding {
    private S3KeyEncoding() {
    }

    /** e.g. {@code evidence/my file:1+2.json} to {@code evidence/my+file%3A1%2B2.json}. */
    public static String encode(String key) {
        return Arrays.stream(key.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
    }
}
