package io.evidencesync.core.hyperproof;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text that came back from a server before it goes into a message: an error page of a token
 * endpoint, proxy or firewall may repeat the request that caused it, form body ({@code client_secret=…}) or
 * {@code Authorization} header included. The known values are masked in every form they travel in (as they are,
 * form-encoded, percent-encoded), and so is the value of any credential-looking field or bearer token.
 */
final class Redaction {
    static final String MASK = "***";
    /** A credential-looking field and its value: quoted (double or single, spaces and all) or bare. */
    private static final Pattern CREDENTIAL_FIELD = Pattern.compile(
            "(?i)((?:client_secret|client_id|access_token|refresh_token|id_token|password)[\"']?\\s*[=:]\\s*)"
                    + "(?:\"[^\"]*\"|'[^']*'|[^&\\s\",;}]+)");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");

    private Redaction() {
    }

    /** The text with every given secret, and every credential field or bearer token, masked. */
    static String redact(String text, String... secrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String redacted = text;
        // the longest first: a secret that contains another (an id inside the secret) is masked whole
        String[] longestFirst = secrets.clone();
        java.util.Arrays.sort(longestFirst, java.util.Comparator.nullsLast(
                java.util.Comparator.comparingInt(String::length).reversed()));
        for (String secret : longestFirst) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            String formEncoded = Urls.query(secret);
            String percentEncoded = formEncoded.replace("+", "%20");
            for (String form : new String[] {secret, formEncoded, percentEncoded, lowerHex(percentEncoded)}) {
                redacted = redacted.replace(form, MASK);
            }
        }
        redacted = CREDENTIAL_FIELD.matcher(redacted).replaceAll("$1" + MASK);
        return BEARER.matcher(redacted).replaceAll("$1" + MASK);
    }

    /** {@code %2F} as {@code %2f}: some servers print escapes in lower case. */
    private static String lowerHex(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                out.append('%').append(encoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
