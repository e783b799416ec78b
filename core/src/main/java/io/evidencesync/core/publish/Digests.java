package io.evidencesync.core.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

import io.evidencesync.core.evidence.InputSource;

/** Digest helpers: evidence is identified by the SHA-256 of its bytes as stored. */
public final class Digests {
    private Digests() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Lower-case hex SHA-256 of everything the source yields. */
    public static byte[] sha256(InputSource source) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = source.open()) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static String base64(byte[] digest) {
        return java.util.Base64.getEncoder().encodeToString(digest);
    }

    /**
     * Base64 of the big-endian CRC32C of the buffer from its position to its limit (S3's {@code x-amz-checksum-crc32c}
     * value); the buffer itself is not moved.
     */
    public static String crc32cBase64(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        return base64(ByteBuffer.allocate(Integer.BYTES).putInt((int) crc.getValue()).array());
    }

    public static byte[] fromHex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
