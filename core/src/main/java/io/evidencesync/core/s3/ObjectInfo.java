package io.evidencesync.core.s3;

import java.time.Instant;
import java.util.Map;

/**
 * What S3 says about an object version in the response headers of a GET or HEAD.
 *
 * @param metadata      the user metadata ({@code x-amz-meta-*} without the prefix), values as sent (RFC 2047
 *                      encoded values are left for the contract to decode)
 * @param versionId     {@code x-amz-version-id}, or null on an unversioned bucket
 * @param etag          the ETag, quoted as sent, or null
 * @param contentLength {@code Content-Length}, or -1 when absent
 * @param lastModified  {@code Last-Modified}, or null
 */
public record ObjectInfo(Map<String, String> metadata, String versionId, String etag, long contentLength, Instant lastModified) {
    public ObjectInfo {
        metadata = Map.copyOf(metadata);
    }
}
