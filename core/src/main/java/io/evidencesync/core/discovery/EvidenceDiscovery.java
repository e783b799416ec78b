package io.evidencesync.core.discovery;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.evidencesync.core.EvidenceException;

/**
 * Finds evidence files below a base directory with Ant-style include and exclude patterns. A file, or a symbolic
 * link, that resolves outside the base directory is refused: publishing must never read beyond the workspace.
 * The result is sorted by relative path, so the same tree always yields the same list.
 */
public final class EvidenceDiscovery {
    private final Path baseDirectory;
    private final List<AntPattern> includes;
    private final List<AntPattern> excludes;

    /**
     * @param baseDirectory the directory patterns are relative to
     * @param includes      include patterns; entries may themselves hold several patterns separated by commas or
     *                      new lines (as CI inputs do)
     * @param excludes      exclude patterns, in the same form
     */
    public EvidenceDiscovery(Path baseDirectory, List<String> includes, List<String> excludes) {
        this.baseDirectory = baseDirectory;
        this.includes = compile(includes);
        this.excludes = compile(excludes);
        if (this.includes.isEmpty()) {
            throw new EvidenceException("no include pattern given: name the evidence files to publish (e.g. '**/*.json')");
        }
    }

    /** Splits "a, b\nc" into patterns. */
    public static List<String> splitPatterns(List<String> values) {
        List<String> patterns = new ArrayList<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String part : value.split("[,\\n]")) {
                if (!part.isBlank()) {
                    patterns.add(part.strip());
                }
            }
        }
        return patterns;
    }

    public List<EvidenceFile> discover() {
        Path base = realBase();
        List<EvidenceFile> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(baseDirectory, FileVisitOption.FOLLOW_LINKS)) {
            walk.filter(path -> !Files.isDirectory(path))
                    .sorted(Comparator.comparing(path -> relative(path)))
                    .forEach(path -> {
                        String relative = relative(path);
                        if (selected(relative)) {
                            found.add(checkedFile(base, path, relative));
                        }
                    });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new EvidenceException("cannot list evidence directory '" + baseDirectory + "': " + e.getMessage(), e);
        }
        return List.copyOf(found);
    }

    private boolean selected(String relative) {
        return includes.stream().anyMatch(p -> p.matches(relative)) && excludes.stream().noneMatch(p -> p.matches(relative));
    }

    private EvidenceFile checkedFile(Path base, Path path, String relative) {
        try {
            Path real = path.toRealPath();
            if (!real.startsWith(base)) {
                throw new EvidenceException("evidence file '" + relative + "' resolves to '" + real
                        + "', outside the base directory '" + base + "'; refusing to publish it");
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new EvidenceException("evidence file '" + relative + "' is not a regular file");
            }
            return new EvidenceFile(relative, real, Files.size(real));
        } catch (NoSuchFileException e) {
            throw new EvidenceException("evidence file '" + relative + "' is a broken link (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new EvidenceException("cannot read evidence file '" + relative + "': " + e.getMessage(), e);
        }
    }

    private Path realBase() {
        if (!Files.exists(baseDirectory)) {
            throw new EvidenceException("evidence directory '" + baseDirectory + "' does not exist");
        }
        if (!Files.isDirectory(baseDirectory)) {
            throw new EvidenceException("evidence directory '" + baseDirectory + "' is not a directory");
        }
        try {
            return baseDirectory.toRealPath();
        } catch (IOException e) {
            throw new EvidenceException("cannot resolve evidence directory '" + baseDirectory + "': " + e.getMessage(), e);
        }
    }

    private String relative(Path path) {
        return baseDirectory.relativize(path).toString().replace('\\', '/');
    }

    private static List<AntPattern> compile(List<String> patterns) {
        return splitPatterns(patterns == null ? List.of() : patterns).stream().map(AntPattern::compile).toList();
    }
}
