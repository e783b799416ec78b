package io.evidencesync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.publish.PublishResult;
import io.evidencesync.core.publish.PublishedObject;
import io.evidencesync.core.trace.Link;
import io.evidencesync.core.trace.TraceRenderer;
import io.evidencesync.core.trace.TraceReport;
import io.evidencesync.sandbox.Sandbox;
import io.evidencesync.sandbox.SandboxOptions;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The auditor's trace over the real pipeline (core publisher → S3Proxy → the bridge's handler → the Hyperproof
 * emulator): a clean chain verifies, and each kind of broken link is found and named.
 */
class AuditorTraceTest {
    @TempDir
    Path workspace;

    private Sandbox sandbox;
    private S3Client s3;
    private PipelineDemo pipeline;

    @BeforeEach
    void startSandbox() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        s3 = PipelineDemo.s3Client(sandbox.s3());
        pipeline = new PipelineDemo(sandbox, s3, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopSandbox() throws Exception {
        s3.close();
        sandbox.close();
    }

    @Test
    void shouldVerifyTheWholeChainFromTheBuildUrl() throws IOException {
        TraceReport report = pipeline.run(workspace);

        assertThat(report.verified()).as(TraceRenderer.text(report)).isTrue();
        assertThat(report.runs()).singleElement().satisfies(run -> {
            assertThat(run.provenance()).containsEntry("vcs.ref.head.revision", "9fceb02d0ae598e95dc970b74767f19372d61af8");
            assertThat(run.objects()).extracting(TraceReport.ObjectTrace::path)
                    .containsExactly("reports/ocsf-scan-activity.json", "reports/otlp-logs-with-control.json", "reports/otlp-logs.json");
            assertThat(run.objects()).allSatisfy(object -> assertThat(object.proofs()).hasSize(1));
            assertThat(run.manifest().proofs()).singleElement()
                    .satisfies(proof -> assertThat(proof.controlIdentifier()).isEqualTo("OSPS-QA-07.01"));
        });
        assertThat(TraceRenderer.json(report)).contains("\"verified\": true");
    }

    @Test
    void shouldVerifyFromAProofIdAndFromAnS3Uri() throws IOException {
        PublishResult published = publishAndSync();
        PublishedObject withControl = object(published, "reports/otlp-logs-with-control.json");
        String proofId = sandbox.hyperproof().proofs().stream()
                .filter(p -> p.latest().sourceId().orElse("").endsWith(withControl.key())).findFirst().orElseThrow().id().toString();

        TraceReport fromProof = pipeline.trace(proofId);
        TraceReport fromObject = pipeline.trace("s3://" + Sandbox.BUCKET + "/" + withControl.key() + "?versionId=" + withControl.versionId());

        assertThat(fromProof.verified()).as(TraceRenderer.text(fromProof)).isTrue();
        assertThat(fromProof.runs().get(0).objects()).extracting(TraceReport.ObjectTrace::key).containsExactly(withControl.key());
        assertThat(fromObject.verified()).as(TraceRenderer.text(fromObject)).isTrue();
    }

    @Test
    void shouldNameATamperedS3Object() throws IOException {
        PublishResult published = publishAndSync();
        PublishedObject target = object(published, "reports/otlp-logs.json");
        var head = s3.headObject(b -> b.bucket(Sandbox.BUCKET).key(target.key()));
        s3.putObject(b -> b.bucket(Sandbox.BUCKET).key(target.key()).metadata(head.metadata()),
                RequestBody.fromString("{\"resourceLogs\": []}"));

        TraceReport report = pipeline.trace("s3://" + Sandbox.BUCKET + "/" + target.key());

        assertThat(report.verified()).isFalse();
        assertThat(brokenLinks(report)).extracting(Link::name).contains("the S3 bytes match the publish-time SHA-256");
    }

    @Test
    void shouldNameEvidenceWrittenAgainAfterTheBuildWhoseNewBytesReachedTheProof() throws IOException {
        PublishResult published = publishAndSync();
        PublishedObject target = object(published, "reports/otlp-logs.json");
        byte[] original = s3.getObjectAsBytes(b -> b.bucket(Sandbox.BUCKET).key(target.key())).asByteArray();
        byte[] rewritten = (new String(original, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
        var metadata = new java.util.HashMap<>(s3.headObject(b -> b.bucket(Sandbox.BUCKET).key(target.key())).metadata());
        metadata.put(EvidenceContract.META_SHA256, sha256(rewritten));
        s3.putObject(b -> b.bucket(Sandbox.BUCKET).key(target.key()).metadata(metadata), RequestBody.fromBytes(rewritten));
        pipeline.deliver(pipeline.events());

        TraceReport report = pipeline.trace(PipelineDemo.RUN_URL);

        assertThat(report.verified()).as("the manifest still pins the build's version, whose links all hold").isFalse();
        assertThat(brokenLinks(report)).singleElement().satisfies(link -> {
            assertThat(link.name()).isEqualTo("the proof's current version holds the published bytes");
            assertThat(link.detail()).contains("the build published " + target.sha256(), "written again after the build");
        });
    }

    @Test
    void shouldNameAnObjectAndItsManifestRewrittenConsistentlyOnlyThroughTheManifestsHistory() throws IOException {
        PublishResult published = publishAndSync();
        PublishedObject target = object(published, "reports/otlp-logs.json");
        byte[] rewritten = (new String(s3.getObjectAsBytes(b -> b.bucket(Sandbox.BUCKET).key(target.key())).asByteArray(),
                StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
        String sha = sha256(rewritten);
        var objectMetadata = new java.util.HashMap<>(s3.headObject(b -> b.bucket(Sandbox.BUCKET).key(target.key())).metadata());
        objectMetadata.put(EvidenceContract.META_SHA256, sha);
        String version = s3.putObject(b -> b.bucket(Sandbox.BUCKET).key(target.key()).metadata(objectMetadata),
                RequestBody.fromBytes(rewritten)).versionId();
        byte[] manifest = new String(s3.getObjectAsBytes(b -> b.bucket(Sandbox.BUCKET).key(published.manifestKey()))
                .asByteArray(), StandardCharsets.UTF_8).replace(target.sha256(), sha).replace(target.versionId(), version)
                .getBytes(StandardCharsets.UTF_8);
        var manifestMetadata = new java.util.HashMap<>(s3.headObject(b -> b.bucket(Sandbox.BUCKET).key(published.manifestKey())).metadata());
        manifestMetadata.put(EvidenceContract.META_SHA256, sha256(manifest));
        s3.putObject(b -> b.bucket(Sandbox.BUCKET).key(published.manifestKey()).metadata(manifestMetadata),
                RequestBody.fromBytes(manifest));
        pipeline.deliver(pipeline.events());

        TraceReport plain = pipeline.trace(PipelineDemo.RUN_URL);
        TraceReport withHistory = pipeline.traceWithManifestHistory(PipelineDemo.RUN_URL);

        assertThat(plain.verified()).as("every link of the rewritten chain holds: " + TraceRenderer.text(plain)).isTrue();
        assertThat(withHistory.verified()).isFalse();
        assertThat(brokenLinks(withHistory)).singleElement().satisfies(link -> {
            assertThat(link.name()).isEqualTo("every earlier version of the manifest is kept in the later ones");
            assertThat(link.detail()).contains("lists " + target.key() + " with SHA-256 " + sha, "not " + target.sha256());
        });
    }

    @Test
    void shouldNameAnIndexEntryThatLeadsFromABuildToAnotherBuildsManifest() throws IOException {
        PublishResult published = publishAndSync();
        String otherBuild = "https://ci.example.com/job/other/7/";
        var manifest = s3.headObject(b -> b.bucket(Sandbox.BUCKET).key(published.manifestKey()));
        s3.putObject(b -> b.bucket(Sandbox.BUCKET).key(EvidenceContract.runIndexKey(
                        EvidenceContract.DEFAULT_RECEIPTS_PREFIX, otherBuild, published.manifestKey())),
                RequestBody.fromBytes(io.evidencesync.core.receipt.ReceiptCodec.indexToJson(
                        io.evidencesync.core.receipt.IndexEntry.run(otherBuild, Sandbox.BUCKET, published.manifestKey(),
                                manifest.versionId()))));

        TraceReport report = pipeline.trace(otherBuild);

        assertThat(report.verified()).isFalse();
        assertThat(brokenLinks(report)).singleElement().satisfies(link -> {
            assertThat(link.name()).isEqualTo("the manifest names this build");
            assertThat(link.detail()).contains("records the run " + PipelineDemo.RUN_URL + ", not " + otherBuild);
        });
    }

    @Test
    void shouldNameAnObjectWhoseMetadataNamesAnotherBuildThanItsManifest() throws IOException {
        PublishResult published = publishAndSync();
        PublishedObject target = object(published, "reports/otlp-logs.json");
        var metadata = new java.util.HashMap<>(s3.headObject(b -> b.bucket(Sandbox.BUCKET).key(target.key())).metadata());
        metadata.put(EvidenceContract.META_RUN_URL, "https://ci.example.com/job/other/7/");
        var copied = s3.copyObject(b -> b.sourceBucket(Sandbox.BUCKET).sourceKey(target.key())
                .destinationBucket(Sandbox.BUCKET).destinationKey(target.key()).metadata(metadata)
                .metadataDirective(software.amazon.awssdk.services.s3.model.MetadataDirective.REPLACE));

        TraceReport report = pipeline.trace("s3://" + Sandbox.BUCKET + "/" + target.key() + "?versionId=" + copied.versionId());

        assertThat(report.verified()).isFalse();
        assertThat(brokenLinks(report)).filteredOn(link -> link.name().equals("the object's metadata names the manifest's build"))
                .singleElement().satisfies(link -> assertThat(link.detail())
                        .isEqualTo("expected " + PipelineDemo.RUN_URL + ", found https://ci.example.com/job/other/7/"));
    }

    @Test
    void shouldNameATamperedProof() throws IOException {
        publishAndSync();
        UUID proofId = sandbox.hyperproof().proofs().get(0).id();
        sandbox.hyperproof().tamperContent(proofId, 0, "{\"altered\": true}".getBytes(StandardCharsets.UTF_8));

        TraceReport report = pipeline.trace(proofId.toString());

        assertThat(report.verified()).isFalse();
        assertThat(brokenLinks(report)).extracting(Link::name)
                .containsExactly("the bytes Hyperproof serves match the publish-time SHA-256");
        assertThat(TraceRenderer.text(report)).contains("NOT VERIFIED", "✗ the bytes Hyperproof serves match");
    }

    @Test
    void shouldNameAMissingReceipt() throws IOException {
        PublishResult published = publishAndSync();
        PublishedObject target = object(published, "reports/ocsf-scan-activity.json");
        s3.deleteObject(b -> b.bucket(Sandbox.BUCKET)
                .key(EvidenceContract.receiptKey(EvidenceContract.DEFAULT_RECEIPTS_PREFIX, target.key(), target.versionId())));

        TraceReport report = pipeline.trace(PipelineDemo.RUN_URL);

        assertThat(report.verified()).isFalse();
        assertThat(brokenLinks(report)).singleElement().satisfies(link -> {
            assertThat(link.name()).isEqualTo("the bridge's receipt exists");
            assertThat(link.detail()).contains(target.key());
        });
    }

    @Test
    void shouldNameAnUnreadableReceiptAndStillTraceTheRestOfTheRun() throws IOException {
        PublishResult published = publishAndSync();
        PublishedObject target = object(published, "reports/ocsf-scan-activity.json");
        String receiptKey = EvidenceContract.receiptKey(EvidenceContract.DEFAULT_RECEIPTS_PREFIX, target.key(), target.versionId());
        s3.putObject(b -> b.bucket(Sandbox.BUCKET).key(receiptKey), RequestBody.fromString("{\"status\": [\"not a receipt\""));

        TraceReport report = pipeline.trace(PipelineDemo.RUN_URL);

        assertThat(report.verified()).isFalse();
        assertThat(brokenLinks(report)).singleElement().satisfies(link -> {
            assertThat(link.name()).isEqualTo("the object's chain can be read");
            assertThat(link.detail()).contains("receipt '" + receiptKey + "' is not valid JSON");
        });
        assertThat(report.runs().get(0).objects()).filteredOn(o -> !o.key().equals(target.key()))
                .hasSize(2).allSatisfy(object -> assertThat(object.proofs()).singleElement());
    }

    @Test
    void shouldNameAManifestThatIsNotAManifest() throws IOException {
        PublishResult published = publishAndSync();
        PublishedObject target = object(published, "reports/otlp-logs.json");
        s3.putObject(b -> b.bucket(Sandbox.BUCKET).key(published.manifestKey()), RequestBody.fromString("[1, 2, 3]"));

        TraceReport report = pipeline.trace("s3://" + Sandbox.BUCKET + "/" + target.key() + "?versionId=" + target.versionId());

        assertThat(report.verified()).isFalse();
        assertThat(brokenLinks(report)).singleElement().satisfies(link -> {
            assertThat(link.name()).isEqualTo("the run manifest can be read");
            assertThat(link.detail()).contains(published.manifestKey());
        });
    }

    @Test
    void shouldNameEvidenceWhoseProofNeverArrived() throws IOException {
        PublishResult published = pipeline.publish(workspace);
        PublishedObject lost = object(published, "reports/otlp-logs.json");
        pipeline.deliver(pipeline.events().stream().filter(event -> !event.contains("otlp-logs.json")).toList());

        TraceReport report = pipeline.trace(PipelineDemo.RUN_URL);

        assertThat(report.verified()).isFalse();
        assertThat(report.runs().get(0).objects()).filteredOn(o -> o.key().equals(lost.key())).singleElement()
                .satisfies(object -> assertThat(object.proofs()).isEmpty());
        assertThat(brokenLinks(report)).extracting(Link::detail).anyMatch(d -> d.contains("has not been synced"));
    }

    @Test
    void shouldNotVerifyAnUnknownProofOrBuild() {
        TraceReport unknownProof = pipeline.trace(UUID.randomUUID().toString());
        TraceReport unknownBuild = pipeline.trace("https://ci.example.com/job/other/1/");

        assertThat(unknownProof.verified()).isFalse();
        assertThat(unknownBuild.verified()).isFalse();
        assertThat(unknownBuild.links()).extracting(Link::name).containsExactly("the build is indexed by the bridge");
    }

    private PublishResult publishAndSync() throws IOException {
        PublishResult published = pipeline.publish(workspace);
        pipeline.deliver(pipeline.events());
        return published;
    }

    private static String sha256(byte[] bytes) throws IOException {
        return io.evidencesync.core.publish.Digests.hex(io.evidencesync.core.publish.Digests.sha256(
                () -> new java.io.ByteArrayInputStream(bytes)));
    }

    private static PublishedObject object(PublishResult result, String path) {
        return result.objects().stream().filter(o -> o.path().equals(path)).findFirst().orElseThrow();
    }

    private static List<Link> brokenLinks(TraceReport report) {
        Stream<Link> top = report.links().stream();
        Stream<Link> nested = report.runs().stream().flatMap(run -> Stream.concat(Stream.of(run.manifest()), run.objects().stream()))
                .filter(o -> o != null)
                .flatMap(o -> Stream.concat(o.links().stream(), o.proofs().stream().flatMap(p -> p.links().stream())));
        return Stream.concat(top, nested).filter(link -> !link.ok()).toList();
    }
}
