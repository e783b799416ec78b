package io.evidencesync.core.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An Ant-style path pattern, matched against '/'-separated relative paths: {@code *} and {@code ?} within one
 * segment, {@code **} for any number of segments (including none). A pattern ending in '/' means "everything
 * below" ({@code dir/} is {@code dir/**}). Matching is case-sensitive, as on Linux agents.
 */
public final class AntPattern {
    private static final String ANY_SEGMENTS = "**";

    private final String source;
    private final List<Object> segments; // String "**" or a compiled Pattern per segment

    private AntPattern(String source, List<Object> segments) {
        this.source = source;
        this.segments = segments;
    }

    public static AntPattern compile(String pattern) {
        String normalized = pattern.strip().replace('\\', '/');
        if (normalized.startsWith("./")) {
            normalized = normalized.substring(2);
        }
        if (normalized.endsWith("/")) {
            normalized = normalized + ANY_SEGMENTS;
        }
        List<Object> segments = new ArrayList<>();
        for (String segment : normalized.split("/+")) {
            if (segment.isEmpty()) {
                continue;
            }
            segments.add(ANY_SEGMENTS.equals(segment) ? ANY_SEGMENTS : Pattern.compile(toRegex(segment)));
        }
        return new AntPattern(pattern, segments);
    }

    /** True when the '/'-separated relative path matches. */
    public boolean matches(String relativePath) {
        String[] parts = relativePath.split("/");
        return matches(0, parts, 0);
    }

    private boolean matches(int patternIndex, String[] parts, int partIndex) {
        if (patternIndex == segments.size()) {
            return partIndex == parts.length;
        }
        Object segment = segments.get(patternIndex);
        if (segment == ANY_SEGMENTS) {
            for (int skip = partIndex; skip <= parts.length; skip++) {
                if (matches(patternIndex + 1, parts, skip)) {
                    return true;
                }
            }
            return false;
        }
        return partIndex < parts.length && ((Pattern) segment).matcher(parts[partIndex]).matches()
                && matches(patternIndex + 1, parts, partIndex + 1);
    }

    private static String toRegex(String segment) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : segment.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? "[^/]*" : "[^/]");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
