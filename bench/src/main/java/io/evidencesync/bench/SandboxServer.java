package io.evidencesync.bench;

import java.net.URI;
import java.util.Properties;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

import io.evidencesync.sandbox.s3.SandboxS3;

/**
 * The S3 sandbox (S3Proxy 4.1.0, in memory) as a process of its own, so a benchmark times only the client:
 * {@code SandboxServer <port> <bucket> [<PKCS12 keystore> <password>]} prints {@code READY http://127.0.0.1:<port>}
 * (or {@code READY https://…} with a keystore: the production-like transport, TLS on both sides) and serves until
 * killed. The key pair is the sandbox's default ({@link SandboxS3#DEFAULT_ACCESS_KEY}); the bucket is unversioned.
 */
public final class SandboxServer {
    private SandboxServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 && args.length != 4) {
            System.err.println("usage: SandboxServer <port> <bucket> [<PKCS12 keystore> <password>]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        AutoCloseable server;
        String endpoint;
        if (args.length == 2) {
            SandboxS3 s3 = SandboxS3.start(SandboxS3.DEFAULT_ACCESS_KEY, SandboxS3.DEFAULT_SECRET_KEY, port);
            s3.createBucket(args[1], false);
            server = s3;
            endpoint = s3.endpoint().toString();
        } else {
            BlobStore store = BlobStores.create("transient-nio2", new Properties());
            S3Proxy proxy = S3Proxy.builder().blobStore(store)
                    .secureEndpoint(URI.create("https://127.0.0.1:" + port)).keyStore(args[2], args[3])
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, SandboxS3.DEFAULT_ACCESS_KEY,
                            SandboxS3.DEFAULT_SECRET_KEY)
                    .ignoreUnknownHeaders(true).build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(5);
            }
            store.createContainer(args[1]);
            server = proxy::stop;
            endpoint = "https://127.0.0.1:" + port;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                // exiting anyway
            }
        }));
        System.out.println("READY " + endpoint);
        System.out.flush();
        Thread.currentThread().join();
    }
}
