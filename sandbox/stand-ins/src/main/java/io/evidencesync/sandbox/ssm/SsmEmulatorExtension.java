package io.evidencesync.sandbox.ssm;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: one {@link SsmEmulator} per test class, its calls and call counts {@link SsmEmulator#reset()
 * reset} before each test (parameters stay).
 *
 * <pre>
 * &#64;RegisterExtension
 * static final SsmEmulatorExtension SSM = new SsmEmulatorExtension();
 * </pre>
 */
public final class SsmEmulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final SsmEmulatorSettings settings;
    private SsmEmulator emulator;

    public SsmEmulatorExtension() {
        this(SsmEmulatorSettings.defaults());
    }

    public SsmEmulatorExtension(SsmEmulatorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        emulator = SsmEmulator.start(settings);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator().reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    public SsmEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the SSM emulator is started in beforeAll; register the extension as a static field");
        }
        return emulator;
    }
}
