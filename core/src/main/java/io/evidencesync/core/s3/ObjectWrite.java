package io.evidencesync.core.s3;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a new object is written with besides its bytes: the same for a single PUT and for a multipart upload.
 *
 * @param contentType the Content-Type
 * @param metadata    user metadata, names without {@code x-amz-meta-}, values ASCII (the contract RFC 2047 encodes
 *                    others)
 * @param sse         the server-side encryption ({@code AES256}, {@code aws:kms}), or null for the bucket's default
 * @param kmsKeyId    the KMS key for {@code aws:kms}, or null for the account's default key
 */
public record ObjectWrite(String contentType, Map<String, String> metadata, String sse, String kmsKeyId) {
    public ObjectWrite {
        metadata = Map.copyOf(metadata);
    }

    /** The same as REST request headers, in a stable order. */
    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        metadata.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> headers.put("x-amz-meta-" + entry.getKey(), entry.getValue()));
        if (sse != null) {
            headers.put("x-amz-server-side-encryption", sse);
        }
        if (kmsKeyId != null) {
            headers.put("x-amz-server-side-encryption-aws-kms-key-id", kmsKeyId);
        }
        return headers;
    }
}
