package io.evidencesync.sandbox.ssm;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The emulator's parameters (latest version only) and how often each name was asked for. */
final class ParameterStore {
    /** KMS ciphertext blobs start with these bytes, so base64 of a SecureString reads like AWS's ({@code AQICAH…}). */
    private static final byte[] KMS_BLOB_PREFIX = {0x01, 0x02, 0x02, 0x00, 0x78};

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Integer> callCounts = new HashMap<>();

    /** A stored parameter; {@link #toString()} leaves the value out. */
    record Parameter(String name, String type, String value, String ciphertext, long version, Instant lastModified) {
        @Override
        public String toString() {
            return "Parameter[name=" + name + ", type=" + type + ", version=" + version + ", value=<redacted>]";
        }
    }

    synchronized void put(String name, String type, String value, Instant now) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Parameter previous = parameters.get(name);
        long version = previous == null ? 1 : previous.version() + 1;
        String ciphertext = "SecureString".equals(type) ? ciphertext(value.length()) : null;
        parameters.put(name, new Parameter(name, type, value, ciphertext, version, now));
    }

    synchronized Optional<Parameter> get(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    synchronized void countCall(String name) {
        callCounts.merge(name, 1, Integer::sum);
    }

    synchronized int callCount(String name) {
        return callCounts.getOrDefault(name, 0);
    }

    synchronized void resetCallCounts() {
        callCounts.clear();
    }

    /** Random bytes shaped like a KMS blob: opaque, and never derived from the value. */
    private String ciphertext(int valueLength) {
        byte[] blob = new byte[KMS_BLOB_PREFIX.length + 150 + valueLength];
        random.nextBytes(blob);
        System.arraycopy(KMS_BLOB_PREFIX, 0, blob, 0, KMS_BLOB_PREFIX.length);
        return Base64.getEncoder().encodeToString(blob);
    }
}
