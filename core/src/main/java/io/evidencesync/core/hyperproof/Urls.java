package io.evidencesync.core.hyperproof;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

final class Urls {
    private Urls() {
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A path segment: form encoding, but space as %20. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
