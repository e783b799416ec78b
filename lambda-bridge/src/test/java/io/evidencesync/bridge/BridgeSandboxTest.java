package io.evidencesync.bridge;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.evidencesync.sandbox.hyperproof.HyperproofEmulatorExtension;
import io.evidencesync.sandbox.s3.S3SandboxExtension;
import io.evidencesync.sandbox.ssm.SsmEmulatorExtension;

/** The stand-ins every bridge test against the sandbox needs, started once per class and reset before each test. */
abstract class BridgeSandboxTest {
    @RegisterExtension
    static final S3SandboxExtension S3 = new S3SandboxExtension(BridgeSandbox.BUCKET);
    @RegisterExtension
    static final HyperproofEmulatorExtension HYPERPROOF = new HyperproofEmulatorExtension();
    @RegisterExtension
    static final SsmEmulatorExtension SSM = new SsmEmulatorExtension();

    @TempDir
    static Path spool;

    static BridgeSandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = new BridgeSandbox(S3.s3(), HYPERPROOF.emulator(), SSM.emulator(), spool);
    }

    @AfterAll
    static void closeSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.beforeEach();
    }
}
