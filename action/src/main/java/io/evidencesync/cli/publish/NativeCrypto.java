package io.evidencesync.cli.publish;

import java.security.Security;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

import io.evidencesync.core.discovery.EvidenceFile;
import io.evidencesync.core.publish.PublishListener;
import io.evidencesync.core.publish.PublishedObject;

/**
 * Large evidence is hashed (SHA-256) and, against S3 over HTTPS, encrypted (AES-GCM) in full. In a short-lived JVM,
 * and under the action's C1-only flags in particular, the JDK's pure-Java SHA-256 and AES-GCM run at a fraction of
 * the CPU's speed (70 MB/s and 26 MB/s on the development machine). From {@link #FROM_BYTES} of evidence, on Linux
 * x86-64, this listener installs the Amazon Corretto Crypto Provider (AWS-LC, native) as the first JCA provider
 * before any file is read, so that SHA-256, the request signatures and TLS use it. Where it cannot load (another OS
 * or architecture, musl libc), the JDK's providers stay, and the run says so.
 * Every other call goes to the wrapped listener.
 */
public final class NativeCrypto implements PublishListener {
    /** Below this much evidence, loading the native library (~0.1 s) costs more than it saves. */
    static final long FROM_BYTES = 16L * 1024 * 1024;

    private static final AtomicBoolean LOADING = new AtomicBoolean();

    private final PublishListener next;
    private final java.util.function.Consumer<String> note;
    private final String osName;
    private final String osArch;

    /** @param note receives one line saying which crypto is used, when large evidence makes it matter */
    NativeCrypto(PublishListener next, java.util.function.Consumer<String> note) {
        this(next, note, System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    NativeCrypto(PublishListener next, java.util.function.Consumer<String> note, String osName, String osArch) {
        this.next = next;
        this.note = note;
        this.osName = osName;
        this.osArch = osArch;
    }

    @Override
    public void discovered(List<EvidenceFile> files) {
        next.discovered(files);
        long bytes = files.stream().mapToLong(EvidenceFile::size).sum();
        if (bytes >= FROM_BYTES) {
            note.accept(install());
        }
    }

    /**
     * Starts loading the native library on a thread of its own where it is bundled, so that {@link #install} finds
     * it loaded: loading (unpacking it from the jar included) takes ~0.3 s, which would otherwise hold back the
     * reading of the evidence. A run with less evidence than {@link #FROM_BYTES} spends that CPU on the side for
     * nothing. Once per process: {@code Main} calls it first thing for {@code publish}, before the command line is
     * parsed, and the command again for callers that do not go through {@code Main}.
     */
    public static void loadInBackground() {
        if (bundledFor(System.getProperty("os.name", ""), System.getProperty("os.arch", ""))
                && LOADING.compareAndSet(false, true)) {
            Thread loader = new Thread(NativeCrypto::load, "native-crypto");
            loader.setDaemon(true);
            loader.start();
        }
    }

    private static void load() {
        try {
            AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
        } catch (RuntimeException | LinkageError e) {
            // install() meets the same error, and says so
        }
    }

    private static boolean bundledFor(String osName, String osArch) {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux") && (osArch.equals("amd64") || osArch.equals("x86_64"));
    }

    /** Installs the provider when it can; says what happened. */
    String install() {
        if (Security.getProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME) != null) {
            return "Crypto: Amazon Corretto Crypto Provider (native SHA-256 and TLS ciphers)";
        }
        if (!bundledFor(osName, osArch)) {
            return "Crypto: the JDK's (the native provider is bundled for Linux x86-64 only)";
        }
        try {
            Throwable loading = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
            if (loading != null) {
                return "Crypto: the JDK's (the native provider did not load: " + loading.getClass().getSimpleName() + ")";
            }
            // its self-tests run in the background; an algorithm whose test fails refuses to work rather than err
            AmazonCorrettoCryptoProvider.install();
            return "Crypto: Amazon Corretto Crypto Provider " + AmazonCorrettoCryptoProvider.INSTANCE.getVersionStr()
                    + " (native SHA-256 and TLS ciphers)";
        } catch (RuntimeException | LinkageError e) {
            return "Crypto: the JDK's (the native provider could not be installed: " + e.getClass().getSimpleName() + ")";
        }
    }

    @Override
    public void warning(String message) {
        next.warning(message);
    }

    @Override
    public void rejected(String path, String message) {
        next.rejected(path, message);
    }

    @Override
    public void published(PublishedObject object) {
        next.published(object);
    }

    @Override
    public void manifestWritten(String key) {
        next.manifestWritten(key);
    }
}
