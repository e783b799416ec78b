package io.evidencesync.core.receipt;

import java.util.Locale;

/**
 * S3 event sequencers ({@code s3.object.sequencer}): hexadecimal strings that order the events of one key. As AWS
 * documents, two of them compare after left-padding the shorter with zeros; the greater is the later event. They are
 * comparable only for the same key.
 */
public final class Sequencers {
    private Sequencers() {
    }

    /** Negative when {@code a} is the earlier event, positive when it is the later one, zero when they are equal. */
    public static int compare(String a, String b) {
        String left = a.strip().toUpperCase(Locale.ROOT);
        String right = b.strip().toUpperCase(Locale.ROOT);
        int width = Math.max(left.length(), right.length());
        return pad(left, width).compareTo(pad(right, width));
    }

    /** True for a non-empty hexadecimal string. */
    public static boolean isValid(String sequencer) {
        return sequencer != null && !sequencer.isBlank() && sequencer.strip().chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static String pad(String value, int width) {
        return "0".repeat(width - value.length()) + value;
    }
}
