package dev.mutineer.cli;

import dev.mutineer.campaign.Expectation;
import dev.mutineer.campaign.expect.ExpectationCheck;
import dev.mutineer.results.ExpectationResult;
import dev.mutineer.results.JUnitReport;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalRecord;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The end of `run` and `report` for CI: the campaign's expectations checked against the journal, each printed
 * with the IDs behind it, the JUnit XML written when asked for, and the exit code that says whether any broke.
 */
final class Verdicts {

    private Verdicts() {
    }

    /** {@link ExitCodes#OK}, or {@link ExitCodes#EXPECTATION} when any expectation is violated. */
    static int check(String campaign, List<Expectation> expectations, Path dir, Path junit, PrintWriter out, PrintWriter err) {
        List<JournalRecord> records = Journal.readWithoutObservations(dir).records();
        List<ExpectationResult> results = ExpectationCheck.check(expectations, records);
        if (!results.isEmpty()) {
            boolean severalVariants = results.stream().map(ExpectationResult::variant).distinct().count() > 1;
            out.println("EXPECTATIONS");
            for (ExpectationResult r : results) {
                out.println("  " + r.describe(severalVariants));
            }
        }
        if (junit != null) {
            Path written = JUnitReport.write(junit, campaign, records, results);
            out.println("junit:  " + written.toAbsolutePath().normalize());
        }
        out.flush();
        long violated = results.stream().filter(ExpectationResult::violated).count();
        if (violated == 0) {
            return ExitCodes.OK;
        }
        err.println("mutineer: " + violated + " of " + results.size() + " expectation checks violated (exit "
                + ExitCodes.EXPECTATION + ")");
        err.flush();
        return ExitCodes.EXPECTATION;
    }
}
