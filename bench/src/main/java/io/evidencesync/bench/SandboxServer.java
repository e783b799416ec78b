package io.evidencesync.bench;

import io.evidencesync.sandbox.s3.SandboxS3;

/**
 * The S3 sandbox (S3Proxy 4.1.0, in memory) as a process of its own, so a benchmark times only the client:
 * {@code SandboxServer <port> <bucket>} prints {@code READY http://127.0.0.1:<port>} and serves until killed.
 * The key pair is the sandbox's default ({@link SandboxS3#DEFAULT_ACCESS_KEY}); the bucket is unversioned.
 */
public final class SandboxServer {
    private SandboxServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SandboxServer <port> <bucket>");
            System.exit(2);
        }
        SandboxS3 s3 = SandboxS3.start(SandboxS3.DEFAULT_ACCESS_KEY, SandboxS3.DEFAULT_SECRET_KEY, Integer.parseInt(args[0]));
        s3.createBucket(args[1], false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                s3.close();
            } catch (Exception e) {
                // exiting anyway
            }
        }));
        System.out.println("READY " + s3.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }
}
