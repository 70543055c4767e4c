package dev.mutineer.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * reclassified.jsonl (one {@link Reclassification} a line) and reclassified.csv (one row per injection: the recorded
 * class beside the current one) in a results directory, each replaced whole (0600): written beside the journal, which
 * stays as it was recorded.
 */
public final class ReclassifiedFile {

    public static final String JSONL = "reclassified.jsonl";
    public static final String CSV = "reclassified.csv";

    static final String[] HEADER = {"id", "variant", "kind", "object", "field", "operator", "recorded class", "class now",
        "changed", "because", "time to first symptom ms", "time to recover ms", "kept"};

    private ReclassifiedFile() {
    }

    /** Writes both files into {@code dir}; returns the JSON Lines file. */
    public static Path write(Path dir, List<Reclassification> reclassified) {
        Path jsonl = dir.resolve(JSONL);
        Path csv = dir.resolve(CSV);
        try {
            StringBuilder lines = new StringBuilder();
            for (Reclassification r : reclassified) {
                lines.append(JournalFile.JSON.writeValueAsString(r)).append('\n');
            }
            PrivateFiles.writeString(jsonl, lines.toString());
            PrivateFiles.replace(csv, stream -> {
                Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get());
                for (Reclassification r : reclassified) {
                    printer.printRecord(r.id(), r.variant(), r.kind(), r.object(), r.fieldPath(), r.operator(), r.recorded(),
                            r.outcome(), r.changed(), r.changed() ? String.join(" | ", r.because()) : "",
                            text(r.timeToFirstSymptomMillis()), text(r.timeToRecoverMillis()), text(r.kept()));
                }
                printer.flush();
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a reclassified verdict: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jsonl + " or " + csv + ": " + IoProblems.describe(e), e);
        }
        return jsonl;
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
