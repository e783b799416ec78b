package io.evidencesync.bench.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throwaway certificate for {@code 127.0.0.1}, made with the JDK's {@code keytool}, and a trust store for the
 * functions: a copy of the JDK's own {@code cacerts} with that certificate added, so that setting up TLS costs a
 * function what it costs in production (the full trust store is read), not the price of a one-certificate store.
 */
final class BenchTls {
    private static final String PASSWORD = "changeit"; // cacerts' well-known password; nothing secret here

    private final SSLContext serverContext;
    private final Path trustStore;

    private BenchTls(SSLContext serverContext, Path trustStore) {
        this.serverContext = serverContext;
        this.trustStore = trustStore;
    }

    static BenchTls create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Files.createDirectories(dir);
        Path keyStore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.pem");
        Path trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "bench", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "bench", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importkeystore", "-srckeystore", Path.of(System.getProperty("java.home"), "lib", "security", "cacerts")
                .toString(), "-srcstorepass", PASSWORD, "-destkeystore", trustStore.toString(), "-deststoretype", "PKCS12",
                "-deststorepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "bench", "-file", certificate.toString(), "-keystore",
                trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return new BenchTls(context, trustStore);
    }

    SSLContext serverContext() {
        return serverContext;
    }

    /** The JVM flags that make a function trust the certificate (and every CA the JDK trusts). */
    List<String> functionFlags() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }
}
