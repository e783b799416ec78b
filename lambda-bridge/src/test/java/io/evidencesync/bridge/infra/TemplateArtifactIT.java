package io.evidencesync.bridge.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/**
 * After {@code package}: the artifact template.yaml deploys ({@code CodeUri}) exists and holds the handlers the
 * template names (loaded from the jar alone, not the test classpath) and the replay tool; and the template passes
 * cfn-lint, which also runs the SAM transform (skipped when cfn-lint is not installed).
 */
class TemplateArtifactIT {
    static final Path JAR = Path.of(System.getProperty("bridge.jar", "target/evidence-sync-bridge.jar"));

    @Test
    void shouldFindTheHandlersTheTemplateNamesInTheShadedJar() throws Exception {
        CfnTemplate template = CfnTemplate.load(TemplateTest.TEMPLATE);
        String codeUri = (String) template.with(Map.of("BucketName", TemplateTest.BUCKET)).properties("BridgeFunction").get("CodeUri");
        Path artifact = TemplateTest.TEMPLATE.toAbsolutePath().getParent().resolve(codeUri).normalize();
        assertThat(artifact).as("CodeUri %s", codeUri).exists().isEqualTo(JAR.toAbsolutePath().normalize());

        try (JarFile jar = new JarFile(JAR.toFile());
             URLClassLoader loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String delivery : List.of("direct", "sqs", "eventbridge")) {
                String handler = TemplateTest.handler(template.with(Map.of("BucketName", TemplateTest.BUCKET, "Delivery", delivery)));
                String className = handler.substring(0, handler.indexOf("::"));
                ZipEntry entry = jar.getEntry(className.replace('.', '/') + ".class");
                assertThat(entry).as(handler).isNotNull();
                assertThat(classFileMajorVersion(jar, entry)).as("Java 17 bytecode runs on java21").isLessThanOrEqualTo(65);
                Class<?> type = Class.forName(className, false, loader);
                assertThat(type.getMethods()).extracting(java.lang.reflect.Method::getName)
                        .contains(handler.substring(handler.indexOf("::") + 2));
                assertThat(type.getConstructor()).isNotNull();
            }
            assertThat(jar.getEntry("io/evidencesync/bridge/replay/Backfill.class")).isNotNull();
            assertThat(Class.forName("io.evidencesync.bridge.replay.Backfill", false, loader).getMethod("main", String[].class))
                    .isNotNull();
            // the SQS handler's event types are in the jar (the runtime maps the event onto them)
            assertThat(jar.getEntry("com/amazonaws/services/lambda/runtime/events/SQSBatchResponse.class")).isNotNull();
        }
    }

    static int classFileMajorVersion(JarFile jar, ZipEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            byte[] header = in.readNBytes(8);
            return ((header[6] & 0xff) << 8) | (header[7] & 0xff);
        }
    }

    @Test
    void shouldPassCfnLintIncludingTheSamTransform() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("cfn-lint", "--include-checks", "I", "--",
                TemplateTest.TEMPLATE.toString()).redirectErrorStream(true);
        builder.environment().putIfAbsent("AWS_DEFAULT_REGION", "us-east-1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            assumeTrue(false, "cfn-lint is not installed (pip install cfn-lint): " + e.getMessage());
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(Files.readString(TemplateTest.TEMPLATE)).contains("Transform: AWS::Serverless-2016-10-31");
    }
}
