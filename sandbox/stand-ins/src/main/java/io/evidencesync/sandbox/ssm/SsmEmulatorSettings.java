package io.evidencesync.sandbox.ssm;

import java.time.Clock;
import java.util.Objects;

/**
 * How an {@link SsmEmulator} is started.
 *
 * @param port            the port, or 0 for a free one
 * @param region          the region requests must be signed for (credential scope {@code …/REGION/ssm/aws4_request})
 * @param accountId       used in parameter ARNs
 * @param clock           for {@code LastModifiedDate} and the 15-minute signature clock-skew check
 * @param accessKeyId     when set (with {@code secretAccessKey}), requests must use this key and carry a signature
 *                        that the SDK's SigV4 signer reproduces; when null, only the header's form and scope are checked
 * @param secretAccessKey the matching secret, or null
 */
public record SsmEmulatorSettings(int port, String region, String accountId, Clock clock, String accessKeyId, String secretAccessKey) {

    public SsmEmulatorSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(clock, "clock");
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("set both accessKeyId and secretAccessKey, or neither");
        }
    }

    /** Free port, {@code us-east-1}, account {@code 000000000000}, system clock, no signature verification. */
    public static SsmEmulatorSettings defaults() {
        return new SsmEmulatorSettings(0, "us-east-1", "000000000000", Clock.systemUTC(), null, null);
    }

    public SsmEmulatorSettings withPort(int newPort) {
        return new SsmEmulatorSettings(newPort, region, accountId, clock, accessKeyId, secretAccessKey);
    }

    public SsmEmulatorSettings withRegion(String newRegion) {
        return new SsmEmulatorSettings(port, newRegion, accountId, clock, accessKeyId, secretAccessKey);
    }

    public SsmEmulatorSettings withClock(Clock newClock) {
        return new SsmEmulatorSettings(port, region, accountId, newClock, accessKeyId, secretAccessKey);
    }

    /** Turns on full SigV4 verification against this key pair. */
    public SsmEmulatorSettings withCredentials(String newAccessKeyId, String newSecretAccessKey) {
        return new SsmEmulatorSettings(port, region, accountId, clock, Objects.requireNonNull(newAccessKeyId, "accessKeyId"),
                Objects.requireNonNull(newSecretAccessKey, "secretAccessKey"));
    }

    boolean verifiesSignatures() {
        return accessKeyId != null;
    }

    @Override
    public String toString() {
        return "SsmEmulatorSettings[port=" + port + ", region=" + region + ", accountId=" + accountId + ", accessKeyId="
                + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null ? "null" : "<redacted>") + "]";
    }
}
