package dev.mutineer.results;

import dev.mutineer.classifier.Symptom;
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
import java.util.stream.Collectors;

/** report.csv: one row per injection, for spreadsheets and scripts. Times are milliseconds, empty when unknown. */
final class CsvReport {

    static final String[] HEADER = {"id", "variant", "kind", "object", "field", "dependency field", "operator",
        "old value", "new value", "class", "symptoms", "time to first symptom ms", "time to recover ms",
        "activated", "reproduce"};

    private CsvReport() {
    }

    static void write(List<JournalRecord> results, Path resultsDir, Path csv) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(HEADER).get();
        try {
            PrivateFiles.replace(csv, stream -> {
                Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                CSVPrinter printer = new CSVPrinter(out, format);
                for (JournalRecord r : results) {
                    printer.printRecord(r.id(), r.variant(), r.kind(), r.object(), r.fieldPath(), r.dependencyField(),
                            r.operator(), nullToEmpty(r.oldValue()), nullToEmpty(r.newValue()), r.outcome(), symptoms(r),
                            nullToEmpty(r.timeToFirstSymptomMillis()), nullToEmpty(r.timeToRecoverMillis()), r.activated(),
                            ReproduceLine.of(r.id(), resultsDir));
                }
                printer.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv + ": " + IoProblems.describe(e), e);
        }
    }

    /** Every symptom, decisive ones first as the classifier ordered them, on one line (" | " between) for line-based tools. */
    static String symptoms(JournalRecord r) {
        return r.symptoms().stream().map(Symptom::describe).collect(Collectors.joining(" | "));
    }

    private static String nullToEmpty(Object o) {
        return o == null ? "" : o.toString();
    }
}
