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

    /** {@code FILE:LINE: reason; skipped}, the form of compilers and of mutineer's campaign errors. */
    public String message() {
        return file + ":" + line + ": " + reason + "; skipped";
    }

    public Optional<String> injectionId() {
        return Optional.ofNullable(id);
    }
}
