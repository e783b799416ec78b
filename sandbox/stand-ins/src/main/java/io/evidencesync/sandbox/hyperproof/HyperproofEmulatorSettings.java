package io.evidencesync.sandbox.hyperproof;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How a {@link HyperproofEmulator} is started: port, clock, token lifetime, proof size limit and organization id.
 *
 * <pre>
 * HyperproofEmulatorSettings.defaults().withClock(clock).withTokenLifetime(Duration.ofMinutes(5))
 * </pre>
 *
 * @param port              the port, or 0 for a free one
 * @param clock             used for token expiry and all timestamps
 * @param tokenLifetime     {@code expires_in} of issued tokens; whole seconds, at least one
 * @param maxProofSizeBytes a proof file of this many bytes or more is refused with 413. Hyperproof documents no
 *                          server-side limit; the default {@link #SDK_MAX_FILE_SIZE} is the client-side limit of
 *                          Hyperproof's own integration SDK ({@code MAX_FILE_SIZE = 100 * 1024 * 1024}).
 * @param orgId             the organization every object belongs to
 */
public record HyperproofEmulatorSettings(int port, Clock clock, Duration tokenLifetime, long maxProofSizeBytes, UUID orgId) {
    /** 100 MiB: Hyperproof's integration SDK refuses files of this size or more before sending them. */
    public static final long SDK_MAX_FILE_SIZE = 100L * 1024 * 1024;
    /** Assumed token lifetime; Hyperproof does not document one. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);

    public HyperproofEmulatorSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        Objects.requireNonNull(orgId, "orgId");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (tokenLifetime.toSeconds() < 1 || tokenLifetime.toNanosPart() != 0) {
            throw new IllegalArgumentException("tokenLifetime must be whole seconds, at least 1, was " + tokenLifetime);
        }
        if (maxProofSizeBytes < 1) {
            throw new IllegalArgumentException("maxProofSizeBytes must be positive, was " + maxProofSizeBytes);
        }
    }

    /** Free port, system UTC clock, one-hour tokens, the SDK's 100 MiB limit, a random organization id. */
    public static HyperproofEmulatorSettings defaults() {
        return new HyperproofEmulatorSettings(0, Clock.systemUTC(), DEFAULT_TOKEN_LIFETIME, SDK_MAX_FILE_SIZE, UUID.randomUUID());
    }

    public HyperproofEmulatorSettings withPort(int newPort) {
        return new HyperproofEmulatorSettings(newPort, clock, tokenLifetime, maxProofSizeBytes, orgId);
    }

    public HyperproofEmulatorSettings withClock(Clock newClock) {
        return new HyperproofEmulatorSettings(port, newClock, tokenLifetime, maxProofSizeBytes, orgId);
    }

    public HyperproofEmulatorSettings withTokenLifetime(Duration newLifetime) {
        return new HyperproofEmulatorSettings(port, clock, newLifetime, maxProofSizeBytes, orgId);
    }

    public HyperproofEmulatorSettings withMaxProofSizeBytes(long newLimit) {
        return new HyperproofEmulatorSettings(port, clock, tokenLifetime, newLimit, orgId);
    }

    public HyperproofEmulatorSettings withOrgId(UUID newOrgId) {
        return new HyperproofEmulatorSettings(port, clock, tokenLifetime, maxProofSizeBytes, newOrgId);
    }
}
