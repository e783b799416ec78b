package io.evidencesync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.evidencesync.core.contract.ManifestCodec;
import io.evidencesync.core.contract.RunManifest;
import io.evidencesync.sandbox.s3.SandboxS3;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Test helpers around the S3 sandbox, the fixtures and a simulated GitHub Actions environment. */
final class Sandbox {
    static final String BUCKET = "evidence-cli";
    static final String SECRET_SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEsessionTOKENthatMustNeverBePrinted";

    private Sandbox() {
    }

    /** An S3 client that reads what the CLI wrote. */
    static S3Client client(SandboxS3 s3) {
        return s3.client(ApacheHttpClient.create());
    }

    /** The AWS and endpoint settings a CI job would have for the sandbox. */
    static Map<String, String> awsEnvironment(SandboxS3 s3) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        env.put("AWS_REGION", s3.region());
        env.put("EVIDENCE_BUCKET", BUCKET);
        env.put("EVIDENCE_ENDPOINT_URL", s3.endpoint().toString());
        env.put("EVIDENCE_PATH_STYLE", "true");
        return env;
    }

    /**
     * What the runner gives a step: the standard variables of run 9001 attempt 2 of acme/app's "CI" workflow, for
     * pull request 42, with GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_EVENT_PATH in {@code runnerTemp}.
     */
    static Map<String, String> gitHubEnvironment(Path workspace, Path runnerTemp) throws IOException {
        Path event = runnerTemp.resolve("event.json");
        Files.writeString(event, "{\"action\":\"opened\",\"number\":42,\"pull_request\":{\"number\":42,\"title\":\"x\"}}");
        Files.createFile(runnerTemp.resolve("output.txt"));
        Files.createFile(runnerTemp.resolve("summary.md"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        env.put("CI", "true");
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_REPOSITORY", "acme/app");
        env.put("GITHUB_REPOSITORY_ID", "123456789");
        env.put("GITHUB_RUN_ID", "9001");
        env.put("GITHUB_RUN_NUMBER", "17");
        env.put("GITHUB_RUN_ATTEMPT", "2");
        env.put("GITHUB_WORKFLOW", "CI");
        env.put("GITHUB_WORKFLOW_REF", "acme/app/.github/workflows/ci.yml@refs/pull/42/merge");
        env.put("GITHUB_JOB", "evidence");
        env.put("GITHUB_SHA", "c0ffee0000000000000000000000000000000000");
        env.put("GITHUB_REF", "refs/pull/42/merge");
        env.put("GITHUB_ACTOR", "octocat");
        env.put("GITHUB_EVENT_NAME", "pull_request");
        env.put("GITHUB_EVENT_PATH", event.toString());
        env.put("GITHUB_WORKSPACE", workspace.toString());
        env.put("GITHUB_OUTPUT", runnerTemp.resolve("output.txt").toString());
        env.put("GITHUB_STEP_SUMMARY", runnerTemp.resolve("summary.md").toString());
        env.put("RUNNER_ENVIRONMENT", "github-hosted");
        env.put("RUNNER_TEMP", runnerTemp.toString());
        return env;
    }

    /** Parses a GITHUB_OUTPUT file the way the runner does ({@code name=value} and {@code name<<DELIMITER}). */
    static Map<String, String> outputs(Path file) throws IOException {
        Map<String, String> outputs = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int heredoc = line.indexOf("<<");
            int equals = line.indexOf('=');
            if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
                String delimiter = line.substring(heredoc + 2);
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (!lines.get(j).equals(delimiter)) {
                    value.append(value.length() > 0 ? "\n" : "").append(lines.get(j));
                    j++;
                }
                outputs.put(line.substring(0, heredoc), value.toString());
                i = j;
            } else if (equals > 0) {
                outputs.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return outputs;
    }

    static void copyFixture(String name, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = Sandbox.class.getResourceAsStream("/complybeacon/" + name)) {
            Files.copy(in, target);
        }
    }

    static List<String> keys(S3Client s3) {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
    }

    static RunManifest manifest(S3Client s3, String key) {
        return ManifestCodec.fromJson(key, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
    }
}
