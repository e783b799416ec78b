package io.evidencesync.core.contract;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.regex.Pattern;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.evidence.EvidenceFormat;
import io.evidencesync.core.provenance.BuildProvenance;

/**
 * The S3 side of the evidence contract, version {@value #SCHEMA_VERSION}, as written down in docs/contract.md:
 * where objects go, which user metadata each carries, where the run manifest and the bridge's receipts live.
 * Producers (CLI, Jenkins) and the bridge both go through this class; {@code EvidenceContractTest} pins it.
 *
 * <pre>
 * {prefix}/{ci system}/{pipeline...}/{run id}/{attempt}/files/{relative path...}   evidence objects
 * {prefix}/{ci system}/{pipeline...}/{run id}/{attempt}/manifest.json               the run manifest
 * {receipts prefix}/{evidence key}/{version id | "null"}.json                        the bridge's receipts
 * </pre>
 * Every segment is encoded with {@link KeyEncoding}, so any file name yields a safe, deterministic key.
 */
public final class EvidenceContract {
    public static final int SCHEMA_VERSION = 1;
    /** S3's limit on a key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;
    /**
     * Room an evidence key leaves for the bridge's receipt key, which is {@code {receipts prefix}/{evidence
     * key}/{version id}.json}: the default prefix (23 bytes), a 32-character S3 version id and ".json" take 61
     * bytes, and a longer receipts prefix more. A longer evidence key could be published but never synced.
     */
    public static final int RECEIPT_KEY_ROOM = 128;
    /** The longest evidence key, in UTF-8 bytes. */
    public static final int MAX_EVIDENCE_KEY_BYTES = MAX_KEY_BYTES - RECEIPT_KEY_ROOM;
    /** The longest receipts prefix (with its '/'), so that a receipt key fits in {@link #RECEIPT_KEY_ROOM}. */
    public static final int MAX_RECEIPTS_PREFIX_BYTES = RECEIPT_KEY_ROOM - "/".length() - 32 - ".json".length();
    /** S3's limit on all user metadata of an object (keys and values), in bytes. */
    public static final int MAX_METADATA_BYTES = 2048;
    public static final String FILES_SEGMENT = "files";
    public static final String MANIFEST_NAME = "manifest.json";
    public static final String DEFAULT_RECEIPTS_PREFIX = "evidence-sync-receipts";

    public static final String META_SCHEMA = "evidence-schema";
    public static final String META_SHA256 = "evidence-sha256";
    public static final String META_FORMAT = "evidence-format";
    public static final String META_ENCODING = "evidence-encoding";
    public static final String META_MANIFEST = "evidence-manifest";
    public static final String META_CONTROL = "hyperproof-control";
    public static final String META_CI_SYSTEM = "cicd-system";
    public static final String META_PIPELINE = "cicd-pipeline-name";
    public static final String META_RUN_ID = "cicd-run-id";
    public static final String META_RUN_ATTEMPT = "cicd-run-attempt";
    public static final String META_RUN_URL = "cicd-run-url";
    public static final String META_REVISION = "vcs-revision";

    private static final Pattern GITHUB_ATTEMPT = Pattern.compile("/attempts/\\d+/?$");
    private static final String GZIP = "gzip";
    private static final String IDENTITY = "identity";
    /** S3 counts user metadata as the bytes of "x-amz-meta-" keys and their values; we count key + value. */

    private EvidenceContract() {
    }

    /** The key prefix of one run attempt, ending in '/'. */
    public static String runPrefix(String prefix, BuildProvenance provenance) {
        String normalized = normalizePrefix(prefix);
        for (String segment : normalized.split("/")) {
            if (segment.equals(FILES_SEGMENT)) {
                throw new EvidenceException("prefix '" + prefix + "' may not have a segment named '" + FILES_SEGMENT
                        + "': the key layout reserves it for a run's evidence files");
            }
        }
        return normalized + runPath(provenance.ciSystem(), provenance.pipelineName(), provenance.runId(),
                provenance.runAttempt()) + '/';
    }

    /**
     * {@code {ci system}/{pipeline...}/{run id}/{attempt}}, each segment encoded; a segment that is exactly
     * {@value #FILES_SEGMENT} becomes {@code %66iles}, so that the only {@code /files/} segment of a key is the one
     * before a run's evidence files (the bucket policy's write-once rule and {@link #isManifestKey} rely on it).
     */
    public static String runPath(String ciSystem, String pipelineName, String runId, int attempt) {
        StringBuilder path = new StringBuilder(runSegment(KeyEncoding.encodeSegment(ciSystem)));
        for (String segment : KeyEncoding.encodePath(pipelineName).split("/")) {
            path.append('/').append(runSegment(segment));
        }
        return path.append('/').append(runSegment(KeyEncoding.encodeSegment(runId))).append('/').append(attempt)
                .toString();
    }

    private static String runSegment(String encoded) {
        return encoded.equals(FILES_SEGMENT) ? "%66iles" : encoded;
    }

    /** The key of one evidence file, refused when it leaves no room for the bridge's receipt key. */
    public static String evidenceKey(String prefix, BuildProvenance provenance, String relativePath) {
        String key = runPrefix(prefix, provenance) + FILES_SEGMENT + '/' + KeyEncoding.encodePath(relativePath);
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_EVIDENCE_KEY_BYTES) {
            throw new EvidenceException("evidence file '" + relativePath + "': its S3 key would be " + bytes
                    + " bytes, but evidence keys may have at most " + MAX_EVIDENCE_KEY_BYTES + " (S3 allows "
                    + MAX_KEY_BYTES + ", and the bridge's receipt key adds up to " + RECEIPT_KEY_ROOM
                    + "); shorten the prefix, the pipeline name or the path");
        }
        return key;
    }

    public static String manifestKey(String prefix, BuildProvenance provenance) {
        return runPrefix(prefix, provenance) + MANIFEST_NAME;
    }

    public static boolean isManifestKey(String key) {
        return key.endsWith('/' + MANIFEST_NAME) && !key.contains('/' + FILES_SEGMENT + '/');
    }

    /** Where the bridge records what it did with one version of one object. */
    public static String receiptKey(String receiptsPrefix, String evidenceKey, String versionId) {
        String version = versionId == null || versionId.isBlank() ? "null" : versionId;
        return normalizePrefix(receiptsPrefix) + evidenceKey + '/' + KeyEncoding.encodeSegment(version) + ".json";
    }

    /**
     * The bridge's index entry linking a run URL to one of its manifests, under the receipts prefix:
     * {@code {receipts}/@index/runs/{sha256(run URL)}/{sha256(manifest key)}.json}. Lets an auditor go from a build
     * URL to its evidence. Run URLs are indexed without a trailing slash.
     */
    public static String runIndexKey(String receiptsPrefix, String runUrl, String manifestKey) {
        return runIndexPrefix(receiptsPrefix, runUrl) + sha256Hex(manifestKey) + ".json";
    }

    /** The prefix under which {@link #runIndexKey} entries of one run URL lie. */
    public static String runIndexPrefix(String receiptsPrefix, String runUrl) {
        return normalizePrefix(receiptsPrefix) + "@index/runs/" + sha256Hex(withoutTrailingSlash(runUrl)) + '/';
    }

    /**
     * The URLs a run's manifest is indexed under: its run URL and, for a GitHub run attempt, the run's page without
     * {@code /attempts/n}, which so finds every attempt.
     */
    public static Set<String> indexedRunUrls(String runUrl) {
        Set<String> urls = new LinkedHashSet<>();
        urls.add(runUrl);
        urls.add(GITHUB_ATTEMPT.matcher(runUrl).replaceFirst(""));
        return urls;
    }

    /** Whether {@code url} finds the run recorded as {@code runUrl}: one of its {@link #indexedRunUrls}. */
    public static boolean findsRun(String url, String runUrl) {
        String wanted = withoutTrailingSlash(url);
        return indexedRunUrls(runUrl).stream().map(EvidenceContract::withoutTrailingSlash).anyMatch(wanted::equals);
    }

    /** Whether two recorded run URLs are the same run URL, trailing slashes aside. */
    public static boolean sameRunUrl(String one, String other) {
        return one != null && other != null && withoutTrailingSlash(one).equals(withoutTrailingSlash(other));
    }

    private static String withoutTrailingSlash(String url) {
        String normalized = url.strip();
        while (normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return normalized;
    }

    /** The bridge's index entry from a Hyperproof proof id to the receipt that records it. */
    public static String proofIndexKey(String receiptsPrefix, String proofId) {
        return normalizePrefix(receiptsPrefix) + "@index/proofs/" + KeyEncoding.encodeSegment(proofId) + ".json";
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** True when the key lies under the receipts prefix (the bridge must never process its own receipts). */
    public static boolean isReceiptKey(String receiptsPrefix, String key) {
        return key.startsWith(normalizePrefix(receiptsPrefix));
    }

    /**
     * The user metadata of an evidence object (or, with a null manifest key, of the manifest).
     *
     * @throws EvidenceException when it would exceed S3's 2 KB limit; the message names the longest value
     */
    public static Map<String, String> objectMetadata(BuildProvenance provenance, String sha256, EvidenceFormat format,
                                                     boolean compressed, String manifestKey, String controlOverride) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(META_SCHEMA, Integer.toString(SCHEMA_VERSION));
        metadata.put(META_SHA256, sha256);
        metadata.put(META_FORMAT, format.id());
        metadata.put(META_ENCODING, compressed ? GZIP : IDENTITY);
        putEncoded(metadata, META_MANIFEST, manifestKey);
        putEncoded(metadata, META_CONTROL, controlOverride);
        putEncoded(metadata, META_CI_SYSTEM, provenance.ciSystem());
        putEncoded(metadata, META_PIPELINE, provenance.pipelineName());
        putEncoded(metadata, META_RUN_ID, provenance.runId());
        metadata.put(META_RUN_ATTEMPT, Integer.toString(provenance.runAttempt()));
        putEncoded(metadata, META_RUN_URL, provenance.runUrl());
        putEncoded(metadata, META_REVISION, provenance.revision());
        checkSize(metadata);
        return metadata;
    }

    /**
     * Decodes the contract metadata of an object.
     *
     * @param key      the object's key, for messages
     * @param metadata the user metadata as S3 returns it (keys without "x-amz-meta-", any case)
     * @throws EvidenceException when a required key is missing or the schema is newer than this code
     */
    public static EvidenceMetadata readMetadata(String key, Map<String, String> metadata) {
        Map<String, String> lower = new LinkedHashMap<>();
        for (Entry<String, String> entry : metadata.entrySet()) {
            lower.put(entry.getKey().toLowerCase(Locale.ROOT), MetadataValues.decode(entry.getValue()));
        }
        int schema = parseInt(key, lower, META_SCHEMA);
        if (schema > SCHEMA_VERSION) {
            throw new EvidenceException("object '" + key + "' was written with evidence contract version " + schema
                    + ", newer than this version (" + SCHEMA_VERSION + "); upgrade the bridge");
        }
        String sha256 = require(key, lower, META_SHA256);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new EvidenceException("object '" + key + "': metadata " + META_SHA256 + " is not a hex SHA-256");
        }
        return new EvidenceMetadata(schema, sha256, EvidenceFormat.fromId(require(key, lower, META_FORMAT)),
                GZIP.equals(lower.get(META_ENCODING)), lower.get(META_MANIFEST), lower.get(META_CONTROL),
                require(key, lower, META_RUN_URL), require(key, lower, META_CI_SYSTEM), require(key, lower, META_PIPELINE),
                require(key, lower, META_RUN_ID), parseInt(key, lower, META_RUN_ATTEMPT), lower.get(META_REVISION));
    }

    /** Normalises a user-given prefix to "" or "a/b/", refusing forms that would make ambiguous keys. */
    public static String normalizePrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return "";
        }
        String trimmed = prefix.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return "";
        }
        for (String segment : trimmed.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new EvidenceException("prefix '" + prefix + "' is not a plain key prefix: no leading '/', no"
                        + " empty, '.' or '..' segments");
            }
        }
        return trimmed + '/';
    }

    private static void putEncoded(Map<String, String> metadata, String key, String value) {
        if (value != null && !value.isBlank()) {
            metadata.put(key, MetadataValues.encode(value));
        }
    }

    private static void checkSize(Map<String, String> metadata) {
        int total = 0;
        Entry<String, String> longest = null;
        for (Entry<String, String> entry : metadata.entrySet()) {
            total += entry.getKey().length() + entry.getValue().length();
            if (longest == null || entry.getValue().length() > longest.getValue().length()) {
                longest = entry;
            }
        }
        if (total > MAX_METADATA_BYTES) {
            throw new EvidenceException("S3 user metadata would be " + total + " bytes, but S3 allows "
                    + MAX_METADATA_BYTES + "; the longest value is '" + longest.getKey() + "' ("
                    + longest.getValue().length() + " characters)");
        }
    }

    private static String require(String key, Map<String, String> metadata, String name) {
        String value = metadata.get(name);
        if (value == null || value.isBlank()) {
            throw new EvidenceException("object '" + key + "' has no '" + name + "' metadata: it was not published"
                    + " through the evidence contract");
        }
        return value;
    }

    private static int parseInt(String key, Map<String, String> metadata, String name) {
        String value = require(key, metadata, name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new EvidenceException("object '" + key + "': metadata '" + name + "' is not a number: " + value, e);
        }
    }
}
