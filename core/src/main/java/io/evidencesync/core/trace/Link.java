package io.evidencesync.core.trace;

/**
 * One checked link of the chain.
 *
 * @param name   what was checked, e.g. "S3 bytes match the manifest's SHA-256"
 * @param ok     whether it holds
 * @param detail the evidence for the verdict (values compared, or why it could not be checked)
 */
public record Link(String name, boolean ok, String detail) {
    static Link ok(String name, String detail) {
        return new Link(name, true, detail);
    }

    static Link broken(String name, String detail) {
        return new Link(name, false, detail);
    }

    /** Holds when both values are present and equal; the detail shows them. */
    static Link compare(String name, String expected, String actual) {
        if (expected != null && expected.equals(actual)) {
            return ok(name, expected);
        }
        return broken(name, "expected " + expected + ", found " + actual);
    }
}
