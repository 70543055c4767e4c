package dev.mutineer.cli;

import dev.mutineer.results.Agreement;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalContents;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.campaign.run.ResultsDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code mutineer compare A B}: how far two results directories of one plan agree, ID by ID. */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Compare the outcome classes of two results directories of the same plan, ID by ID.",
        description = {
                "For a serial run against a parallel one (--parallel N), a run against its merged shards, or the same "
                        + "plan on two machines: records are matched by injection ID, so the order in "
                        + "which they ran does not matter. Prints the IDs in one directory only, the share of IDs "
                        + "in both with the same class, the class changes counted, and every ID that differs with "
                        + "both classes and decisive symptoms, to start an explanation from. Only the journals are "
                        + "read; damaged lines are named on stderr and skipped. To compare the configurations of a "
                        + "differential campaign, use its report instead.",
                ""},
        footerHeading = "%nExample:%n",
        footer = {
                "  mutineer run examples/quickstart.yaml --parallel 1 --out serial",
                "  mutineer run examples/quickstart.yaml --parallel auto --out parallel",
                "  mutineer compare serial parallel --min-agreement 95",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the same IDs on both sides, and at least --min-agreement of them with the same class",
                "2:a DIR holds no journal",
                "4:an ID is recorded on one side only, or fewer than --min-agreement of the IDs agree",
        })
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "A results directory ('mutineer run' wrote it).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Another results directory of the same plan.")
    Path b;

    @Option(names = "--min-agreement", paramLabel = "PERCENT", defaultValue = "100",
            description = "The share of IDs in both that must have the same class, in percent (default: ${DEFAULT-VALUE}).")
    double minAgreement;

    @Override
    public Integer call() {
        if (minAgreement < 0 || minAgreement > 100) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--min-agreement must be a percentage from 0 to 100, not " + minAgreement);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<JournalRecord> left = records(a, err);
        List<JournalRecord> right = records(b, err);
        Agreement agreement = Agreement.of(left, right);
        out.printf("A: %s (%d records)%nB: %s (%d records)%n", a, left.size(), b, right.size());
        out.printf("in both: %d; in A only: %d; in B only: %d%n", agreement.inBoth(), agreement.onlyA().size(),
                agreement.onlyB().size());
        if (!agreement.onlyA().isEmpty()) {
            out.println("in A only: " + String.join(" ", agreement.onlyA()));
        }
        if (!agreement.onlyB().isEmpty()) {
            out.println("in B only: " + String.join(" ", agreement.onlyB()));
        }
        out.println("same class: " + agreement.summary());
        agreement.changes().forEach((change, n) -> out.printf("  %s: %d%n", change, n));
        for (Agreement.Pair p : agreement.differ()) {
            JournalRecord r = p.a();
            boolean sameFault = target(r).equals(target(p.b()));
            out.printf("%s %s %s%s%n", r.id(), r.operator(), r.kind(), sameFault ? " " + target(r) : "");
            out.printf("    A %-18s %s%s%n", r.outcome(), sameFault ? "" : target(r) + " ", Agreement.decisive(r));
            out.printf("    B %-18s %s%s%n", p.b().outcome(), sameFault ? "" : target(p.b()) + " ", Agreement.decisive(p.b()));
        }
        boolean agrees = agreement.share() * 100 >= minAgreement - 1e-9;
        boolean sameIds = agreement.onlyA().isEmpty() && agreement.onlyB().isEmpty();
        if (!agrees) {
            out.printf(Locale.ROOT, "agreement %.1f%% is below --min-agreement %s%%%n", agreement.share() * 100,
                    PERCENT.format(minAgreement));
        }
        out.flush();
        return agrees && sameIds ? ExitCodes.OK : ExitCodes.DIFFERENT;
    }

    /** The object and field the injection hit: one ID can hit others on two clusters (a blind bit flip draws its byte
     *  from the copy of the object it finds there). */
    private static String target(JournalRecord r) {
        return (r.namespace().isEmpty() ? r.name() : r.namespace() + "/" + r.name())
                + (r.fieldPath().isEmpty() ? "" : " " + r.fieldPath());
    }

    private static final java.text.DecimalFormat PERCENT = new java.text.DecimalFormat("0.###",
            java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));

    private List<JournalRecord> records(Path dir, PrintWriter err) {
        if (!ResultsDir.hasJournal(dir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), dir + " holds no " + ResultsDir.JOURNAL
                    + "; pass a directory 'mutineer run' wrote");
        }
        JournalContents contents = Journal.readWithoutObservations(dir);
        contents.warnings().forEach(w -> PlanCommand.log(err, "warning: " + w));
        return contents.records();
    }
}
