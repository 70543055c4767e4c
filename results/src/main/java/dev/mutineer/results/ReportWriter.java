package dev.mutineer.results;

import dev.mutineer.classifier.baseline.Baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Renders report.csv and report.html of a results directory from its journal. */
public final class ReportWriter {

    public static final String CSV = "report.csv";
    public static final String HTML = "report.html";

    private ReportWriter() {
    }

    /**
     * Reads {@code dir/journal.jsonl} and writes {@code dir/report.csv} and {@code dir/report.html}, each replaced
     * whole (0600; a symbolic link in a report's place is replaced, its target left alone). Damaged journal lines
     * are skipped and listed in the HTML and in {@link ReportPaths#warnings()}.
     */
    public static ReportPaths write(Path dir) {
        return write(dir, dir);
    }

    /** As {@link #write(Path)}, writing the reports into {@code outDir}. */
    public static ReportPaths write(Path dir, Path outDir) {
        Path journal = dir.resolve(JournalFile.NAME);
        if (!Files.isRegularFile(journal)) {
            throw new IllegalArgumentException("no journal in " + dir.toAbsolutePath() + " (expected " + JournalFile.NAME
                    + "); is it a mutineer results directory?");
        }
        // Each record's timeline is drawn from its observation as the record is read, and the observation dropped:
        // a journal that keeps observations can be far larger than memory.
        Map<String, Optional<Baseline>> baselines = new HashMap<>();
        Map<String, Timeline> timelines = new HashMap<>();
        JournalFile.Contents read = JournalFile.read(journal, r -> {
            Baseline golden = baselines.computeIfAbsent(r.variant(), v -> recordedBaseline(dir, v)).orElse(null);
            Timeline.of(r, golden).ifPresent(t -> timelines.put(r.id(), t));
            return r.withoutObservation();
        });
        JournalContents contents = new JournalContents(read.records(), read.skipped());
        try {
            PrivateFiles.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir + ": " + IoProblems.describe(e), e);
        }
        Path csv = outDir.resolve(CSV);
        Path html = outDir.resolve(HTML);
        CsvReport.write(contents.records(), dir, csv);
        HtmlReport.write(ReportModel.of(contents.records(), timelines), contents.skipped(), dir, html);
        return new ReportPaths(csv, html, contents.records().size(), contents.warnings());
    }

    /** The variant's recorded baseline; none when it is missing or damaged (the timelines then show no golden band). */
    private static Optional<Baseline> recordedBaseline(Path dir, String variant) {
        try {
            return BaselineFile.read(dir, variant);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
