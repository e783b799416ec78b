package io.evidencesync.bench.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.evidencesync.core.provenance.BuildProvenance;
import io.evidencesync.core.publish.EvidencePublisher;
import io.evidencesync.core.publish.PublishListener;
import io.evidencesync.core.publish.PublishRequest;
import io.evidencesync.core.publish.PublishResult;
import io.evidencesync.core.publish.PublisherOptions;
import io.evidencesync.sandbox.hyperproof.HyperproofEmulator;
import io.evidencesync.sandbox.notify.S3EventJson;
import io.evidencesync.sandbox.notify.S3EventNotifier;
import io.evidencesync.sandbox.notify.S3NotificationSettings;
import io.evidencesync.sandbox.s3.SandboxS3;
import io.evidencesync.sandbox.ssm.SsmEmulator;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The stand-ins both functions run against, and evidence objects published through core for them to process. */
final class BenchSandbox implements AutoCloseable {
    static final String BUCKET = "evidence-bench";
    private static final String CLIENT_ID = "bench-client";
    private static final String CLIENT_SECRET = "bench-secret-not-real";

    private final SandboxS3 s3;
    private final HyperproofEmulator hyperproof;
    private final SsmEmulator ssm;
    private final S3Client client;
    private final String ownerId;
    /** With TLS: the certificate and trust store, and the HTTPS fronts of S3, SSM and Hyperproof; else null. */
    private final BenchTls tls;
    private final List<TlsFront> fronts;
    private int runs;

    private BenchSandbox(SandboxS3 s3, HyperproofEmulator hyperproof, SsmEmulator ssm, String ownerId, BenchTls tls,
                         List<TlsFront> fronts) {
        this.tls = tls;
        this.fronts = fronts;
        this.s3 = s3;
        this.hyperproof = hyperproof;
        this.ssm = ssm;
        this.ownerId = ownerId;
        this.client = s3.client(ApacheHttpClient.create());
    }

    static BenchSandbox start() throws Exception {
        return start(null);
    }

    /** @param tls when not null, the functions reach every stand-in over HTTPS through a {@link TlsFront} */
    static BenchSandbox start(BenchTls tls) throws Exception {
        SandboxS3 s3 = SandboxS3.start();
        s3.createBucket(BUCKET, true);
        HyperproofEmulator hyperproof = HyperproofEmulator.start();
        hyperproof.addServiceAccount(CLIENT_ID, CLIENT_SECRET);
        String owner = hyperproof.addUser("owner@example.com").toString();
        SsmEmulator ssm = SsmEmulator.start();
        ssm.putSecureString("/hyperproof/CLIENT_ID", CLIENT_ID);
        ssm.putSecureString("/hyperproof/CLIENT_SECRET", CLIENT_SECRET);
        List<TlsFront> fronts = tls == null ? List.of() : List.of(TlsFront.start(tls.serverContext(), s3.endpoint()),
                TlsFront.start(tls.serverContext(), ssm.endpoint()), TlsFront.start(tls.serverContext(), hyperproof.baseUri()));
        return new BenchSandbox(s3, hyperproof, ssm, owner, tls, fronts);
    }

    /** The environment both functions get: the same endpoints, credentials and Hyperproof settings. */
    Map<String, String> functionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", s3.region());
        env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        boolean https = tls != null;
        String hyperproofApi = (https ? fronts.get(2).uri() : hyperproof.baseUri()).toString();
        env.put("AWS_ENDPOINT_URL_S3", (https ? fronts.get(0).uri() : s3.endpoint()).toString());
        env.put("AWS_ENDPOINT_URL_SSM", (https ? fronts.get(1).uri() : ssm.endpoint()).toString());
        env.put("HYPERPROOF_API_URL", hyperproofApi);
        env.put("HYPERPROOF_TOKEN_URL", hyperproofApi + "/oauth/token");
        env.put("HYPERPROOF_OWNER_ID", ownerId);
        return env;
    }

    /** The JVM flags every function needs here: with TLS, trust in the stand-ins' certificate. */
    List<String> functionJvmFlags() {
        return tls == null ? List.of() : tls.functionFlags();
    }

    boolean https() {
        return tls != null;
    }

    /** With TLS, the connections (each a handshake) the functions opened so far to S3, SSM and Hyperproof. */
    List<Integer> connectionsAccepted() {
        return fronts.stream().map(TlsFront::accepted).toList();
    }

    /** Publishes one OCSF evidence file of about {@code bytes} as a new build run; returns its S3 event JSON. */
    String publishEvidence(int bytes, Path workDir) throws IOException {
        int run = ++runs;
        Path dir = Files.createDirectories(workDir.resolve("run-" + run));
        writeOcsfArray(dir.resolve("scan.json"), bytes);
        BuildProvenance build = BuildProvenance.builder().ciSystem("bench").pipelineName("bench/lambda")
                .runId(Integer.toString(run)).runUrl("http://127.0.0.1/bench/" + run).build();
        PublishResult result = new EvidencePublisher(client, PublisherOptions.defaults("bench/1")).publish(
                PublishRequest.builder().bucket(BUCKET).baseDirectory(dir).includes(List.of("scan.json"))
                        .provenance(build).build(), PublishListener.NONE);
        List<String> events = new java.util.ArrayList<>();
        S3EventNotifier notifier = new S3EventNotifier(client,
                new S3EventJson(S3NotificationSettings.defaults().withRegion(s3.region()), new java.util.Random(run)),
                events::add);
        notifier.notifyObjectCreated(BUCKET, result.objects().get(0).key());
        return events.get(0);
    }

    int proofCount() {
        return hyperproof.proofs().size();
    }

    private static void writeOcsfArray(Path file, int approximateBytes) throws IOException {
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write('[');
            long written = 1;
            int i = 0;
            while (written < approximateBytes) {
                String finding = (i > 0 ? "," : "") + "{\"class_uid\":6007,\"status\":\"success\",\"policy\":{\"uid\":\"rule-"
                        + (i % 97) + "\"},\"message\":\"finding " + i + " of the benchmark evidence file\"}";
                out.write(finding);
                written += finding.length();
                i++;
            }
            out.write(']');
        }
    }

    @Override
    public void close() throws Exception {
        for (TlsFront front : fronts) {
            front.close();
        }
        client.close();
        ssm.close();
        hyperproof.close();
        s3.close();
    }
}
