package dev.mutineer.results;

import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.client.ClientView;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * report.csv: one row per injection, for spreadsheets and scripts. Times are milliseconds, empty when unknown. The
 * client columns come last (a script that reads columns by position keeps working) and are empty for an injection
 * without client traffic; their times are since the start of the observation, availabilities are shares (0..1).
 */
final class CsvReport {

    static final String[] CLIENT_HEADER = {"client availability", "client impact", "worst second ms",
        "worst second availability", "time to first client error ms", "client time to recover ms", "client p99 ms",
        "client p99 limit ms", "client errors"};

    static final String[] HEADER = Stream.concat(Stream.of("id", "variant", "kind", "object", "field",
            "dependency field", "operator", "old value", "new value", "class", "symptoms", "time to first symptom ms",
            "time to recover ms", "activated", "reproduce"), Stream.of(CLIENT_HEADER)).toArray(String[]::new);

    private CsvReport() {
    }

    static void write(List<JournalRecord> results, Path resultsDir, Path csv) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(HEADER).get();
        try {
            PrivateFiles.replace(csv, stream -> {
                Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                CSVPrinter printer = new CSVPrinter(out, format);
                for (JournalRecord r : results) {
                    List<Object> row = new ArrayList<>(List.of(r.id(), r.variant(), r.kind(), r.object(), r.fieldPath(), r.dependencyField(),
                            r.operator(), nullToEmpty(r.oldValue()), nullToEmpty(r.newValue()), r.outcome(), symptoms(r),
                            nullToEmpty(r.timeToFirstSymptomMillis()), nullToEmpty(r.timeToRecoverMillis()), r.activated(),
                            ReproduceLine.of(r.id(), resultsDir)));
                    row.addAll(client(r.client()));
                    printer.printRecord(row);
                }
                printer.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv + ": " + IoProblems.describe(e), e);
        }
    }

    /** The client columns of a record; all empty without client traffic. */
    static List<String> client(ClientView c) {
        if (c == null) {
            return Collections.nCopies(CLIENT_HEADER.length, "");
        }
        return List.of(share(c.availability()), c.impact().name(), Long.toString(c.worstSecondMillis()),
                share(c.worstSecondAvailability()), nullToEmpty(c.firstErrorMillis()), nullToEmpty(c.timeToRecoverMillis()),
                micros(c.maxP99Micros()), micros(c.p99LimitMicros()), errors(c));
    }

    /** "HTTP_5XX=40 REFUSED=120", causes in ClientError's order. */
    static String errors(ClientView c) {
        return new TreeMap<>(c.errors()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String share(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Milliseconds with one decimal; empty for -1 (none known). */
    private static String micros(long v) {
        return v < 0 ? "" : String.format(Locale.ROOT, "%.1f", v / 1000.0);
    }

    /** Every symptom, decisive ones first as the classifier ordered them, on one line (" | " between) for line-based tools. */
    static String symptoms(JournalRecord r) {
        return r.symptoms().stream().map(Symptom::describe).collect(Collectors.joining(" | "));
    }

    private static String nullToEmpty(Object o) {
        return o == null ? "" : o.toString();
    }
}
