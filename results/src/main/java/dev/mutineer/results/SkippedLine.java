package dev.mutineer.results;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A journal line that readers skipped: damaged, of the wrong shape, or a second record for an ID already read.
 *
 * @param file   the journal file
 * @param line   1-based line number
 * @param id     the injection ID the line names, when one can be made out; null otherwise
 * @param reason what is wrong with it, in the user's words
 */
public record SkippedLine(Path file, long line, String id, String reason) {

    /** A damaged line is anyone's text: its control characters (a terminal's escapes) are shown, not sent. */
    public SkippedLine {
        id = id == null ? null : visible(id);
        reason = visible(reason);
    }

    /** {@code FILE:LINE: reason; skipped}, the form of compilers and of mutineer's campaign errors. */
    public String message() {
        return file + ":" + line + ": " + reason + "; skipped";
    }

    public Optional<String> injectionId() {
        return Optional.ofNullable(id);
    }

    private static String visible(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
