package io.evidencesync.sandbox.hyperproof;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: one {@link HyperproofEmulator} per test class, {@link HyperproofEmulator#reset() reset} before
 * each test (proofs, requests, faults and tokens go; seeded objects stay).
 *
 * <pre>
 * &#64;RegisterExtension
 * static final HyperproofEmulatorExtension HYPERPROOF = new HyperproofEmulatorExtension();
 *
 * &#64;BeforeAll
 * static void seed() {
 *     HYPERPROOF.emulator().addServiceAccount("id", "secret");
 * }
 * </pre>
 */
public final class HyperproofEmulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final HyperproofEmulatorSettings settings;
    private HyperproofEmulator emulator;

    public HyperproofEmulatorExtension() {
        this(HyperproofEmulatorSettings.defaults());
    }

    public HyperproofEmulatorExtension(HyperproofEmulatorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        emulator = HyperproofEmulator.start(settings);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator().reset();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    public HyperproofEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the Hyperproof emulator is started in beforeAll; register the extension as a static field");
        }
        return emulator;
    }
}
