package io.evidencesync.core.contract;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * S3 user metadata travels in HTTP headers, so values must be printable US-ASCII. Other values are stored as an
 * RFC 2047 encoded word ({@code =?UTF-8?B?...?=}), the form S3 itself uses when it returns non-ASCII metadata.
 */
public final class MetadataValues {
    private static final String PREFIX = "=?UTF-8?B?";
    private static final String SUFFIX = "?=";

    private MetadataValues() {
    }

    public static String encode(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return PREFIX + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + SUFFIX;
            }
        }
        return value;
    }

    public static String decode(String value) {
        if (value != null && value.startsWith(PREFIX) && value.endsWith(SUFFIX)) {
            String payload = value.substring(PREFIX.length(), value.length() - SUFFIX.length());
            return new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8);
        }
        return value;
    }
}
