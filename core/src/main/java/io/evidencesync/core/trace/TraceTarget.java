package io.evidencesync.core.trace;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.evidencesync.core.EvidenceException;

/**
 * Where an auditor starts a trace: a Hyperproof proof id, an S3 object ({@code s3://bucket/key[?versionId=...]}) or
 * a build's URL.
 */
public sealed interface TraceTarget {
    Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** A Hyperproof proof. */
    record ProofId(String proofId) implements TraceTarget {
    }

    /** One S3 object, optionally one version of it. */
    record S3Object(String bucket, String key, String versionId) implements TraceTarget {
        public String uri() {
            return "s3://" + bucket + "/" + key + (versionId == null ? "" : "?versionId=" + versionId);
        }
    }

    /** A build (run) page, as recorded in {@code cicd.pipeline.run.url.full}. */
    record BuildUrl(String url) implements TraceTarget {
    }

    static TraceTarget parse(String argument) {
        String value = argument == null ? "" : argument.strip();
        if (UUID.matcher(value).matches()) {
            return new ProofId(value.toLowerCase(java.util.Locale.ROOT));
        }
        if (value.startsWith("s3://")) {
            return s3(value);
        }
        if (value.startsWith("https://") || value.startsWith("http://")) {
            return new BuildUrl(value);
        }
        throw new EvidenceException("'" + argument + "' is neither a Hyperproof proof id (a UUID), an S3 URI"
                + " (s3://bucket/key[?versionId=...]) nor a build URL (https://...)");
    }

    private static S3Object s3(String value) {
        String rest = value.substring("s3://".length());
        String versionId = null;
        int query = rest.indexOf('?');
        if (query >= 0) {
            for (String parameter : rest.substring(query + 1).split("&")) {
                if (parameter.startsWith("versionId=")) {
                    versionId = URLDecoder.decode(parameter.substring("versionId=".length()), StandardCharsets.UTF_8);
                }
            }
            rest = rest.substring(0, query);
        }
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new EvidenceException("'" + value + "' is not an S3 object URI: expected s3://bucket/key");
        }
        return new S3Object(rest.substring(0, slash), rest.substring(slash + 1), versionId);
    }
}
