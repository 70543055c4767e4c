package dev.mutineer.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the journal and the reports cost: fsynced appends per second, the time to reopen a journal (as --resume
 * does) and to render the reports of a campaign the size of the study's (about 9,000 injections).
 * {@code scripts/bench.sh results [-Dinjections=N]}; ResultsBenchmarkTest runs it small so it cannot rot.
 */
public final class ResultsBenchmark {

    /** What one run measured. */
    record Figures(int injections, double appendSeconds, long journalBytes, double reopenSeconds, int reopenedIds,
                   double reportSeconds, int reported, long csvBytes, long htmlBytes) {

        void print() {
            System.out.printf("journal: %d fsynced appends in %.2f s (%.0f/s, %.2f ms each), %d bytes; reopen %.2f s%n",
                    injections, appendSeconds, injections / appendSeconds, appendSeconds * 1000 / injections,
                    journalBytes, reopenSeconds);
            System.out.printf("reports: %d results in %.2f s; report.csv %d bytes, report.html %d bytes%n",
                    reported, reportSeconds, csvBytes, htmlBytes);
        }
    }

    private ResultsBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int n = Integer.getInteger("injections", 9000);
        Path dir = Files.createTempDirectory("mutineer-results-bench");
        try {
            measure(dir, n).print();
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Appends n sample results to a journal in dir (empty), reopens it, renders the reports. */
    static Figures measure(Path dir, int n) throws IOException {
        List<JournalRecord> results = SampleResults.generate(n);
        long t0 = System.nanoTime();
        try (Journal j = Journal.open(dir)) {
            results.forEach(j::append);
        }
        double appendSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        int reopened;
        try (Journal j = Journal.open(dir)) {
            reopened = j.completedIds().size();
        }
        double reopenSeconds = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        ReportPaths paths = ReportWriter.write(dir);
        double reportSeconds = (System.nanoTime() - t2) / 1e9;
        return new Figures(n, appendSeconds, Files.size(dir.resolve(JournalFile.NAME)), reopenSeconds, reopened,
                reportSeconds, paths.results(), Files.size(paths.csv()), Files.size(paths.html()));
    }
}
