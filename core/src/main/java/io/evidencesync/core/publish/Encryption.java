package io.evidencesync.core.publish;

import java.util.Locale;
import java.util.Map;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.s3.ObjectWrite;

/**
 * Server-side encryption for every object written (evidence and manifest alike).
 *
 * @param mode     none, SSE-S3 ({@code AES256}) or SSE-KMS ({@code aws:kms})
 * @param kmsKeyId the KMS key id, alias or ARN for SSE-KMS; null uses the account's default S3 KMS key
 */
public record Encryption(Mode mode, String kmsKeyId) {
    /** The encryption modes S3 offers for PutObject. */
    public enum Mode { NONE, SSE_S3, SSE_KMS }

    public Encryption {
        if (mode != Mode.SSE_KMS && kmsKeyId != null && !kmsKeyId.isBlank()) {
            throw new EvidenceException("a KMS key id is set but server-side encryption is " + label(mode)
                    + "; set sse to aws:kms to use it");
        }
        kmsKeyId = kmsKeyId == null || kmsKeyId.isBlank() ? null : kmsKeyId.strip();
    }

    public static Encryption none() {
        return new Encryption(Mode.NONE, null);
    }

    /**
     * Parses the user-facing setting: empty/none, {@code AES256} (or {@code sse-s3}), {@code aws:kms} (or
     * {@code sse-kms}).
     */
    public static Encryption parse(String sse, String kmsKeyId, String settingName) {
        String value = sse == null ? "" : sse.strip().toLowerCase(Locale.ROOT);
        Mode mode = switch (value) {
            case "", "none" -> kmsKeyId != null && !kmsKeyId.isBlank() ? Mode.SSE_KMS : Mode.NONE;
            case "aes256", "sse-s3" -> Mode.SSE_S3;
            case "aws:kms", "sse-kms", "kms" -> Mode.SSE_KMS;
            default -> throw new EvidenceException(settingName + ": '" + sse
                    + "' is not a server-side encryption mode; use AES256 or aws:kms");
        };
        return new Encryption(mode, kmsKeyId);
    }

    /** What an object is written with under this encryption: the one place where the modes become S3's values. */
    public ObjectWrite apply(String contentType, Map<String, String> metadata) {
        String sse = switch (mode) {
            case NONE -> null;
            case SSE_S3 -> "AES256";
            case SSE_KMS -> "aws:kms";
        };
        return new ObjectWrite(contentType, metadata, sse, kmsKeyId);
    }

    private static String label(Mode mode) {
        return mode == Mode.SSE_S3 ? "AES256" : "off";
    }
}
