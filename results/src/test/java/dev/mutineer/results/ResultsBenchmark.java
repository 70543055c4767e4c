package dev.mutineer.results;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints what the journal and the reports cost: fsynced appends per second, and the time to render the reports
 * of a campaign the size of the study's (about 9,000 injections). Run with -Pslow.
 */
@Tag("slow")
class ResultsBenchmark {

    @Test
    void journalAppendsAndReportRendering(@TempDir Path dir) throws Exception {
        List<InjectionResult> results = SampleResults.generate(9000);
        long t0 = System.nanoTime();
        try (Journal j = Journal.open(dir)) {
            results.forEach(j::append);
        }
        double appendSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        try (Journal j = Journal.open(dir)) {
            assertThat(j.completedIds()).hasSize(results.size());
        }
        double reopenSeconds = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        ReportPaths paths = ReportWriter.write(dir);
        double reportSeconds = (System.nanoTime() - t2) / 1e9;
        System.out.printf("journal: %d fsynced appends in %.2f s (%.0f/s, %.2f ms each), %d bytes; reopen %.2f s%n",
                results.size(), appendSeconds, results.size() / appendSeconds, appendSeconds * 1000 / results.size(),
                Files.size(dir.resolve("journal.jsonl")), reopenSeconds);
        System.out.printf("reports: %d results in %.2f s; report.csv %d bytes, report.html %d bytes%n",
                paths.results(), reportSeconds, Files.size(paths.csv()), Files.size(paths.html()));
    }
}
