package io.jenkins.plugins.evidencesync;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The project's sandbox S3 (S3Proxy 4, versioned bucket {@code evidence-sandbox}) in a child JVM, started with
 * {@code io.evidencesync.sandbox.SandboxMain}. It cannot run inside the JenkinsRule JVM: S3Proxy needs Servlet 6 and
 * its own logging, Jenkins' test classpath pins jakarta.servlet-api 5.0.0. The classpath comes from
 * target/sandbox/classpath.txt, written by the build (exec-maven-plugin, see pom.xml).
 */
final class SandboxS3Process implements AutoCloseable {
    private final Process process;
    private final JsonObject s3;

    private SandboxS3Process(Process process, JsonObject s3) {
        this.process = process;
        this.s3 = s3;
    }

    static SandboxS3Process start() throws IOException {
        Path classpathFile = Path.of(System.getProperty("evidencesync.sandbox.classpath", "target/sandbox/classpath.txt"));
        assertThat(classpathFile).as("the sandbox classpath written by 'mvn process-test-resources'").isRegularFile();
        String classpath = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
        Path log = classpathFile.resolveSibling("sandbox-s3.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", classpath, "io.evidencesync.sandbox.SandboxMain")
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = stdout.readLine();
        if (line == null) {
            process.destroyForcibly();
            throw new IOException("the sandbox S3 did not start; see " + log);
        }
        return new SandboxS3Process(process, JsonParser.parseString(line).getAsJsonObject().getAsJsonObject("s3"));
    }

    String endpoint() {
        return s3.get("endpoint").getAsString();
    }

    String accessKey() {
        return s3.get("accessKey").getAsString();
    }

    String secretKey() {
        return s3.get("secretKey").getAsString();
    }

    String region() {
        return s3.get("region").getAsString();
    }

    /** The sandbox's versioned bucket. */
    String bucket() {
        return s3.get("bucket").getAsString();
    }

    /** An S3 client of the test JVM (the aws-java-sdk2 plugins' SDK) for checking what was written. */
    S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .forcePathStyle(true)
                .region(Region.of(region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey(), secretKey())))
                .httpClient(ApacheHttpClient.builder().build())
                .build();
    }

    /** Closing stdin stops the sandbox (SandboxMain's contract). */
    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
