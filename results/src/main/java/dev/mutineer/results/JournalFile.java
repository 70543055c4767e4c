package dev.mutineer.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mutineer.classifier.observation.ObservationJson;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

    /**
     * Reads the file line by line (a journal that keeps full observations can be far larger than memory wants
     * to hold at once). With {@code keepObservations} false each record's observation is dropped as it is read.
     */
    static Contents read(Path file, boolean keepObservations) {
        if (!Files.exists(file)) {
            return new Contents(List.of(), List.of(), 0, 0);
        }
        List<InjectionResult> records = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long offset = 0;
        long lineStart = 0;
        int lineNumber = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                offset++;
                if (b == '\n') {
                    lineNumber++;
                    parse(file, lineNumber, line.toString(StandardCharsets.UTF_8), keepObservations, records, warnings);
                    line.reset();
                    lineStart = offset;
                } else {
                    line.write(b);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
        long torn = offset - lineStart;
        if (torn > 0) {
            warnings.add(file + ": line " + (lineNumber + 1) + " is incomplete (" + torn
                    + " bytes without a newline, cut short by a crash); skipped");
        }
        return new Contents(records, warnings, lineStart, torn);
    }

    private static void parse(Path file, int lineNumber, String line, boolean keepObservations,
                              List<InjectionResult> records, List<String> warnings) {
        if (line.isBlank()) {
            return;
        }
        try {
            InjectionResult r = JSON.readValue(line, InjectionResult.class);
            records.add(keepObservations ? r : r.withoutObservation());
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
