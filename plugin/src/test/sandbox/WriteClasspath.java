import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build-time helper, run by exec-maven-plugin as a single-file source program (java WriteClasspath.java FILE):
 * writes the classpath it was started with, which is the sandbox stand-ins and their dependencies, to FILE.
 * The JenkinsRule tests start the sandbox S3 in a child JVM with that classpath (SandboxS3Process).
 */
public final class WriteClasspath {
    private WriteClasspath() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java WriteClasspath.java FILE");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, System.getProperty("java.class.path"), StandardCharsets.UTF_8);
    }
}
