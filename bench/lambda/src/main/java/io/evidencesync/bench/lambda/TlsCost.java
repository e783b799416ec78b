package io.evidencesync.bench.lambda;

import java.util.Locale;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLSocketFactory;

/**
 * What TLS costs the function's JVM, which the plain-HTTP function bench leaves out: setting up the default TLS
 * context with the JDK's trust store (once per cold start, at the first HTTPS request), and encrypting records with
 * the two kinds of TLS 1.3 cipher the JDK offers. Run it in a fresh JVM with the function's flags:
 *
 * <pre>
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp bench/lambda/target/classes io.evidencesync.bench.lambda.TlsCost
 * </pre>
 */
public final class TlsCost {
    private static final int RECORD = 16 * 1024;
    private static final int RECORDS = 640; // 10 MiB

    private TlsCost() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        SSLSocketFactory.getDefault().createSocket().close();
        System.out.printf(Locale.ROOT, "default TLS context and trust store: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        for (int round = 1; round <= 3; round++) {
            System.out.printf(Locale.ROOT, "round %d: AES-GCM %.0f MB/s, ChaCha20-Poly1305 %.0f MB/s%n", round,
                    throughput("AES/GCM/NoPadding", round), throughput("ChaCha20-Poly1305", round));
        }
    }

    /** Encrypts 10 MiB in TLS-record-sized pieces, each with its own nonce, as a TLS connection does. */
    private static double throughput(String algorithm, int round) throws Exception {
        boolean aes = algorithm.startsWith("AES");
        SecretKeySpec key = new SecretKeySpec(new byte[aes ? 16 : 32], aes ? "AES" : "ChaCha20");
        byte[] record = new byte[RECORD];
        byte[] out = new byte[RECORD + 16];
        long bytes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < RECORDS; i++) {
            byte[] nonce = new byte[12];
            nonce[0] = (byte) i;
            nonce[1] = (byte) (i >> 8);
            nonce[2] = (byte) round;
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.ENCRYPT_MODE, key, aes ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce));
            bytes += cipher.doFinal(record, 0, record.length, out, 0);
        }
        return bytes / ((System.nanoTime() - start) / 1e9) / 1e6;
    }
}
