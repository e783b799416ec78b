package io.evidencesync.core.publish;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

import io.evidencesync.core.EvidenceException;
import io.evidencesync.core.Futures;
import io.evidencesync.core.contract.EvidenceContract;
import io.evidencesync.core.contract.ManifestCodec;
import io.evidencesync.core.contract.ManifestEntry;
import io.evidencesync.core.contract.RunManifest;
import io.evidencesync.core.discovery.EvidenceDiscovery;
import io.evidencesync.core.discovery.EvidenceFile;
import io.evidencesync.core.evidence.EvidenceSummary;
import io.evidencesync.core.s3.S3Objects;
import io.evidencesync.core.s3.SdkS3Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Publishes a build's evidence to S3: discover the files, read and validate every one (no object is written when
 * any is refused), upload them in parallel with their SHA-256 for S3 to verify, then write the run manifest.
 * A file large enough to go up in parts is sent while it is validated, as a multipart upload that is completed
 * only once every file is accepted ({@link EarlyUpload}). Publishing the same files again in the same run writes
 * nothing new.
 *
 * <pre>
 * EvidencePublisher publisher = new EvidencePublisher(s3Client, PublisherOptions.defaults("evidence-sync-cli/0.1.0"));
 * PublishResult result = publisher.publish(request, listener);
 * </pre>
 */
public final class EvidencePublisher {
    /** Parts of large files uploaded at once, across all files: bounds part buffers in memory to 4 × the part size. */
    static final int PART_CONCURRENCY = 4;

    private final Supplier<S3Objects> s3;
    private final PublisherOptions options;

    /** Every request through the SDK client (the Jenkins plugin's). */
    public EvidencePublisher(S3Client s3, PublisherOptions options) {
        this(() -> new SdkS3Objects(s3), options);
    }

    /**
     * @param s3 asked for once every file has been read and accepted, so that an adapter can build its client (class
     *           loading on a cold JVM) while files are read; asked for during the reading, too, when a file is large
     *           enough to be sent while it is read, once that file is hashed (if that fails, files are read without,
     *           and it is asked again after them, so that refusals come first); never in a dry run
     */
    public EvidencePublisher(Supplier<S3Objects> s3, PublisherOptions options) {
        this.options = options;
        this.s3 = s3;
    }

    public PublishResult publish(PublishRequest request, PublishListener listener) {
        List<EvidenceFile> files = new EvidenceDiscovery(request.baseDirectory(), request.includes(), request.excludes())
                .discover();
        listener.discovered(files);
        if (files.isEmpty()) {
            return nothingMatched(request, listener);
        }
        String manifestKey = EvidenceContract.manifestKey(request.prefix(), request.provenance());
        if (request.dryRun()) {
            List<PreparedFile> prepared = prepareAll(request, files, manifestKey, listener, null, null);
            List<PublishedObject> planned = prepared.stream().map(file -> new PublishedObject(file.file().relativePath(),
                    file.key(), null, null, file.sha256Hex(), file.file().size(), file.summary(),
                    PublishedObject.Outcome.PLANNED)).toList();
            planned.forEach(listener::published);
            return new PublishResult(request.bucket(), planned, manifestKey, null, true);
        }
        ExecutorService partPool = Executors.newFixedThreadPool(PART_CONCURRENCY, daemon("evidence-part"));
        ExecutorService starter = Executors.newFixedThreadPool(readers(), daemon("evidence-start"));
        EarlyUploads early = files.stream().anyMatch(file -> options.goesInParts(file.size()))
                ? new EarlyUploads(s3, options, partPool, listener::warning) : null;
        S3Objects client;
        List<PublishedObject> objects;
        try {
            List<PreparedFile> prepared = prepareAll(request, files, manifestKey, listener, early, starter);
            ObjectUploader made = early != null ? early.made() : null;
            client = made != null ? made.client() : s3.get();
            ObjectUploader uploader = made != null ? made : uploader(client, partPool, listener);
            objects = runAll(prepared, file -> {
                PublishedObject object = uploader.upload(request.bucket(), file, request.encryption());
                listener.published(object);
                return object;
            }, "upload");
        } finally {
            if (early != null) {
                early.close(request.bucket()); // a refusal, a failure or an interrupt: no upload stays open
            }
            starter.shutdownNow();
            partPool.shutdownNow();
        }
        RunManifest manifest = new RunManifest(ManifestCodec.SCHEMA, request.bucket(),
                request.manifestProvenance(), options.producer(), options.clock().instant().toString(),
                objects.stream().map(EvidencePublisher::entry).toList());
        String manifestVersion = new ManifestWriter(client).write(request.bucket(), manifestKey, manifest, request.encryption());
        listener.manifestWritten(manifestKey);
        return new PublishResult(request.bucket(), sorted(objects), manifestKey, manifestVersion, false);
    }

    private PublishResult nothingMatched(PublishRequest request, PublishListener listener) {
        String message = "no evidence files matched " + EvidenceDiscovery.splitPatterns(request.includes())
                + (request.excludes().isEmpty() ? "" : " (excluding " + EvidenceDiscovery.splitPatterns(request.excludes()) + ")")
                + " in '" + request.baseDirectory() + "'";
        switch (request.ifNoFilesFound()) {
            case ERROR -> throw new EvidenceException(message + "; to allow this, set the if-no-files-found option"
                    + " (Jenkins: ifNoFilesFound) to warn or ignore");
            case WARN -> listener.warning(message);
            case IGNORE -> {
                // quietly nothing
            }
        }
        return new PublishResult(request.bucket(), List.of(), null, null, request.dryRun());
    }

    private ObjectUploader uploader(S3Objects client, ExecutorService partPool, PublishListener listener) {
        return new ObjectUploader(client, options, partPool, listener::warning);
    }

    /** Reading is CPU-bound (parse and hash): more threads than processors only add contention and JIT warm-up. */
    private int readers() {
        return Math.min(options.concurrency(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * Reads and validates every file; throws when any is refused (the uploads started early are then discarded by
     * the caller).
     *
     * @param early    starts large files' uploads while they are validated; null in a dry run or when no file is large
     * @param starter  where a large file is hashed and its upload started, beside its parse
     */
    private List<PreparedFile> prepareAll(PublishRequest request, List<EvidenceFile> files, String manifestKey,
                                          PublishListener listener, EarlyUploads early, ExecutorService starter) {
        FilePreparer preparer = new FilePreparer(request, manifestKey, early, starter);
        List<String> refusals = new ArrayList<>();
        List<PreparedFile> prepared = new ArrayList<>();
        List<Object> outcomes = runAllCollecting(files, readers(), preparer::prepare);
        if (Thread.currentThread().isInterrupted()) { // not a refusal of any file: say so, and report none
            throw new EvidenceException("publishing was interrupted while the evidence files were read; nothing was"
                    + " published");
        }
        for (int i = 0; i < files.size(); i++) {
            Object outcome = outcomes.get(i);
            if (outcome instanceof PreparedFile file) {
                prepared.add(file);
            } else {
                String message = ((RuntimeException) outcome).getMessage();
                listener.rejected(files.get(i).relativePath(), message);
                refusals.add(message);
            }
        }
        if (!refusals.isEmpty()) {
            throw new EvidenceException(refusals.size() + " of " + files.size() + " evidence files refused; nothing was"
                    + " published:\n  - " + String.join("\n  - ", refusals));
        }
        return prepared;
    }

    /** Runs the task for every item on the bounded pool; fails after all finished, naming every failure. */
    private <T, R> List<R> runAll(List<T> items, Function<T, R> task, String what) {
        List<Object> outcomes = runAllCollecting(items, options.concurrency(), task);
        List<String> failures = new ArrayList<>();
        List<R> results = new ArrayList<>();
        RuntimeException first = null;
        for (Object outcome : outcomes) {
            if (outcome instanceof RuntimeException e) {
                failures.add(e.getMessage());
                first = first == null ? e : first;
            } else {
                @SuppressWarnings("unchecked")
                R result = (R) outcome;
                results.add(result);
            }
        }
        if (!failures.isEmpty()) {
            throw new EvidenceException(failures.size() + " of " + items.size() + " evidence files failed to " + what
                    + "; the run manifest was not written:\n  - " + String.join("\n  - ", failures), first);
        }
        return results;
    }

    private <T, R> List<Object> runAllCollecting(List<T> items, int threads, Function<T, R> task) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, items.size())),
                daemon("evidence-publish"));
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> task.apply(item)));
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<R> future : futures) {
                outcomes.add(await(future));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The task's result, or its failure as a runtime exception. */
    private static Object await(Future<?> future) {
        try {
            return Futures.get(future);
        } catch (RuntimeException e) {
            return e;
        } catch (IOException | Error e) {
            return new EvidenceException(String.valueOf(e.getMessage()), e);
        }
    }

    private static ManifestEntry entry(PublishedObject object) {
        EvidenceSummary summary = object.summary();
        return new ManifestEntry(object.key(), object.path(), object.size(), object.sha256(), summary.format().id(),
                summary.compressed(), summary.records(), List.copyOf(summary.controls()), List.copyOf(summary.frameworks()),
                List.copyOf(summary.requirements()), List.copyOf(summary.policyRules()), summary.results(),
                object.versionId(), object.etag());
    }

    private static List<PublishedObject> sorted(List<PublishedObject> objects) {
        List<PublishedObject> copy = new ArrayList<>(objects);
        copy.sort(Comparator.comparing(PublishedObject::key));
        return copy;
    }
}
