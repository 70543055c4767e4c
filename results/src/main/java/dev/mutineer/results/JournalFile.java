package dev.mutineer.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mutineer.classifier.observation.ObservationJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a journal file: one JSON record a line. A last line without its newline was cut short by a crash
 * (the record was never fully written, so it was never reported done) and is skipped with a warning, as is any
 * line that does not parse. Nothing here changes the file.
 */
final class JournalFile {

    static final String NAME = "journal.jsonl";
    static final ObjectMapper JSON = ObservationJson.mapper();

    /**
     * What a journal file holds.
     *
     * @param records      the valid records in file order
     * @param warnings     one line per skipped line, naming the file and line number
     * @param validLength  bytes up to and including the last newline: where the next record must start
     * @param tornLength   bytes after the last newline (a torn record), 0 when the file ends cleanly
     */
    record Contents(List<InjectionResult> records, List<String> warnings, long validLength, long tornLength) {
    }

    private JournalFile() {
    }

    static Contents read(Path file) {
        if (!Files.exists(file)) {
            return new Contents(List.of(), List.of(), 0, 0);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
        List<InjectionResult> records = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int lineStart = 0;
        int lineNumber = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lineNumber++;
                parse(file, lineNumber, new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8), records, warnings);
                lineStart = i + 1;
            }
        }
        long torn = bytes.length - lineStart;
        if (torn > 0) {
            warnings.add(file + ": line " + (lineNumber + 1) + " is incomplete (" + torn
                    + " bytes without a newline, cut short by a crash); skipped");
        }
        return new Contents(records, warnings, lineStart, torn);
    }

    private static void parse(Path file, int lineNumber, String line, List<InjectionResult> records, List<String> warnings) {
        if (line.isBlank()) {
            return;
        }
        try {
            records.add(JSON.readValue(line, InjectionResult.class));
        } catch (IOException | IllegalArgumentException e) {
            warnings.add(file + ": line " + lineNumber + " is not a valid result (" + firstLine(e.getMessage()) + "); skipped");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
