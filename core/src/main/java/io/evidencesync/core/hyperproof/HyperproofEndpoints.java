package io.evidencesync.core.hyperproof;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;

import io.evidencesync.core.EvidenceException;

/**
 * Where the Hyperproof API and its OAuth token endpoint are. Only {@code https} is accepted, except for loopback
 * hosts (local stand-ins), so client credentials and tokens never travel in clear text.
 *
 * @param apiUrl   the API base, e.g. {@value #US_API}; paths {@code /v1/...} are appended
 * @param tokenUrl the OAuth 2.0 token endpoint, e.g. {@value #US_TOKEN}
 */
public record HyperproofEndpoints(URI apiUrl, URI tokenUrl) {
    public static final String US_API = "https://api.hyperproof.app";
    public static final String EU_API = "https://api.hyperproof.eu";
    public static final String GOV_API = "https://api.hyperproofgov.app";
    public static final String US_TOKEN = "https://accounts.hyperproof.app/oauth/token";

    public HyperproofEndpoints {
        apiUrl = stripTrailingSlash(apiUrl);
    }

    public static HyperproofEndpoints us() {
        return new HyperproofEndpoints(URI.create(US_API), URI.create(US_TOKEN));
    }

    /**
     * Parses and checks one URL.
     *
     * @param setting the configuration name, used in messages
     */
    public static URI parse(String setting, String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new EvidenceException(setting + " is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || scheme == null) {
            throw new EvidenceException(setting + " must be an absolute https URL, was '" + value + "'");
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new EvidenceException(setting + " must not carry user info, a query or a fragment");
        }
        if (!"https".equalsIgnoreCase(scheme) && !("http".equalsIgnoreCase(scheme) && isLoopback(uri.getHost()))) {
            throw new EvidenceException(setting + " must use https (plain http is allowed only for loopback hosts),"
                    + " was '" + value + "'");
        }
        return uri;
    }

    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(bare)) {
            return true;
        }
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false; // a name: never resolve it here
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static URI stripTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }

    /** The absolute URI of an API path such as {@code /v1/proof}. */
    public URI api(String pathAndQuery) {
        return URI.create(apiUrl + pathAndQuery);
    }
}
