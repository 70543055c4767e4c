package dev.mutineer.cli;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.results.Distribution;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalContents;
import dev.mutineer.results.ReportPaths;
import dev.mutineer.results.ReportWriter;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The end of `run` and `report`: renders the report from the journal and prints counts per class and where it is. */
final class CampaignSummary {

    private CampaignSummary() {
    }

    /** Counts and paths on {@code out}; each skipped journal line on {@code err}, naming file and line. */
    static ReportPaths print(PrintWriter out, PrintWriter err, Path dir) {
        JournalContents contents = Journal.readWithoutObservations(dir);
        ReportPaths paths = ReportWriter.write(dir);
        paths.warnings().forEach(w -> err.println("mutineer: warning: " + w));
        err.flush();
        Distribution all = Distribution.of("all", contents.records());
        out.println();
        out.printf("%-20s %6s %7s%n", "OUTCOME", "COUNT", "SHARE");
        for (Outcome o : Outcome.values()) {
            if (all.count(o) > 0) {
                out.printf("%-20s %6d %7s%n", o, all.count(o),
                        o == Outcome.NOT_ACTIVATED ? "-" : String.format("%.0f%%", 100 * all.share(o)));
            }
        }
        out.printf("%-20s %6d   (%d activated; NOT_ACTIVATED is left out of the shares)%n", "total", all.total(), all.activated());
        out.println();
        out.println("report: " + paths.html());
        out.println("csv:    " + paths.csv());
        out.flush();
        return paths;
    }
}
