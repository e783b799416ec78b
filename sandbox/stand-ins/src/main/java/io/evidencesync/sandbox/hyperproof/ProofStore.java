package io.evidencesync.sandbox.hyperproof;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Stored proofs with their versions, links and file contents (as files in a directory the store owns). */
final class ProofStore {
    private final Path directory;
    private final Clock clock;
    private final Map<UUID, Entry> proofs = new LinkedHashMap<>();

    ProofStore(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** A received file with its attribution; the store moves {@code content} into its own directory. */
    record Upload(String filename, String contentType, long size, String sha256, UUID ownedBy, UUID createdBy,
            Map<String, String> formFields, Path content) {
    }

    /** Stores a new proof (version 0), linked to {@code link} unless it is null. */
    synchronized Proof create(ProofLink link, Upload upload) throws IOException {
        UUID id = UUID.randomUUID();
        Entry entry = new Entry(id, link == null ? List.of() : List.of(link));
        entry.add(upload, store(id, 0, upload), clock);
        proofs.put(id, entry);
        return entry.snapshot();
    }

    /** Adds the next version to an existing proof; empty when the proof is unknown. */
    synchronized Optional<Proof> addVersion(UUID proofId, Upload upload) throws IOException {
        Entry entry = proofs.get(proofId);
        if (entry == null) {
            return Optional.empty();
        }
        entry.add(upload, store(proofId, entry.versions.size(), upload), clock);
        return Optional.of(entry.snapshot());
    }

    synchronized Optional<Proof> find(UUID proofId) {
        return Optional.ofNullable(proofs.get(proofId)).map(Entry::snapshot);
    }

    /** All proofs, in upload order of their first version. */
    synchronized List<Proof> all() {
        return proofs.values().stream().map(Entry::snapshot).toList();
    }

    /** The file holding a version's bytes; empty when the proof or version is unknown. */
    synchronized Optional<Path> content(UUID proofId, int version) {
        Entry entry = proofs.get(proofId);
        if (entry == null || version < 0 || version >= entry.contents.size()) {
            return Optional.empty();
        }
        return Optional.of(entry.contents.get(version));
    }

    /** Forgets every proof and deletes the stored files. */
    synchronized void clear() throws IOException {
        for (Entry entry : proofs.values()) {
            for (Path content : entry.contents) {
                Files.deleteIfExists(content);
            }
        }
        proofs.clear();
    }

    private Path store(UUID proofId, int version, Upload upload) throws IOException {
        Path target = directory.resolve(proofId + "-v" + version + ".bin");
        return Files.move(upload.content(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    static String extensionOf(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot < 0 || dot == filename.length() - 1 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static final class Entry {
        private final UUID id;
        private final List<ProofLink> links;
        private final List<ProofVersion> versions = new ArrayList<>();
        private final List<Path> contents = new ArrayList<>();

        Entry(UUID id, List<ProofLink> links) {
            this.id = id;
            this.links = links;
        }

        void add(Upload upload, Path content, Clock clock) {
            versions.add(new ProofVersion(versions.size(), upload.filename(), upload.contentType(), extensionOf(upload.filename()),
                    upload.size(), upload.sha256(), upload.ownedBy(), upload.createdBy(), clock.instant(), upload.formFields()));
            contents.add(content);
        }

        Proof snapshot() {
            return new Proof(id, links, versions);
        }
    }
}
