package io.evidencesync.core.evidence;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Gson's parse failures into "line L, column C (path): reason" without Gson's troubleshooting links. */
final class JsonErrors {
    private static final Pattern POSITION = Pattern.compile(" at line (\\d+) column (\\d+) path (\\S+)");

    private JsonErrors() {
    }

    /**
     * @param lineOfFile the JSON Lines line the parser was reading, or 0 when it read the whole file
     */
    static String describe(Exception e, int lineOfFile) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int seeAlso = message.indexOf("\nSee ");
        if (seeAlso >= 0) {
            message = message.substring(0, seeAlso);
        }
        Matcher position = POSITION.matcher(message);
        if (position.find()) {
            String reason = message.substring(0, position.start()).strip();
            String line = lineOfFile > 0 ? Integer.toString(lineOfFile) : position.group(1);
            return "malformed JSON at line " + line + ", column " + position.group(2) + " (" + position.group(3)
                    + "): " + reason;
        }
        return "malformed JSON" + (lineOfFile > 0 ? " at line " + lineOfFile : "") + ": " + message;
    }
}
