package dev.mutineer.cli;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.run.Reproducer;
import dev.mutineer.campaign.run.ResultsDir;
import dev.mutineer.campaign.run.SpecJson;
import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.Verdict;
import dev.mutineer.campaign.shard.MergeFile;
import dev.mutineer.results.BaselineFile;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalContents;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mutineer reproduce ID --results DIR}: one recorded injection again, on a fresh cluster. */
@Command(name = "reproduce",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Replay one recorded injection and compare the verdicts.",
        description = {
                "Starts a fresh cluster from the campaign copied into DIR (same configuration and workload, from DIR "
                        + "alone: it may have been moved), waits "
                        + "for its steady state, injects the recorded spec (same target, operator, parameters and seed, "
                        + "so the same mutation), observes the campaign's window, classifies against the recorded "
                        + "golden baseline (or a new one with --new-baseline), and prints the recorded and the new "
                        + "verdict side by side. Where the campaign's real nodes cannot run and its "
                        + "cluster.realNodesFallback is kwok-only, it says so and replays kwok-only, against a new "
                        + "baseline. The results directory is not changed. Damaged journal lines are "
                        + "named on stderr and skipped; an ID whose record is damaged cannot be replayed (exit 2).",
                ""},
        footerHeading = "%nExample:%n",
        footer = {"  mutineer reproduce 3f9k2m8q1z --results mutineer-results/quickstart"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:replayed; same outcome class as recorded",
                "1:failure while running (the cluster or the workload did not come up)",
                "2:bad ID or DIR (no such injection, its record damaged, no journal, no valid copy of the campaign)",
                "3:a prerequisite is missing (cluster binaries, Docker engine for kind, root and node packages for cluster.realNodes)",
                "4:replayed; the outcome class differs from the recorded one",
                "130:interrupted by Ctrl-C; the cluster was torn down",
        })
final class ReproduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The injection's ID, as in the journal and report.")
    String id;

    @Option(names = "--results", paramLabel = "DIR", required = true, description = "The campaign's results directory.")
    Path results;

    @Option(names = "--new-baseline", description = "Learn a new golden baseline instead of using the recorded one.")
    boolean newBaseline;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!ResultsDir.hasJournal(results)) {
            throw new CommandLine.ParameterException(spec.commandLine(), results + " holds no " + ResultsDir.JOURNAL
                    + "; pass the directory 'mutineer run' wrote");
        }
        JournalContents journal = Journal.readWithoutObservations(results);
        journal.warnings().forEach(w -> err.println("mutineer: warning: " + w));
        err.flush();
        Setup setup;
        try {
            JournalRecord recorded = Reproducer.find(journal, results, id);
            try {
                SpecJson.toSpec(recorded.spec());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("injection " + id + " cannot be replayed: " + e.getMessage(), e);
            }
            setup = setup(RealNodeCheck.choose(Reproducer.campaign(results)), newBaseline); // before any cluster starts
            setup.lines().forEach(l -> err.println("mutineer: " + l));
            err.flush();
            if (!setup.learnNewBaseline()) {
                BaselineFile.read(MergeFile.baselineDir(results, id), recorded.variant());
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Reproducer.Replay replay;
        try (ClusterTeardown teardown = new ClusterTeardown(err)) {
            replay = Reproducer.replay(results, id, setup.campaign(), setup.learnNewBaseline(), m -> PlanCommand.log(err, m),
                    teardown::watch);
        }
        print(out, replay);
        return replay.sameClass() ? ExitCodes.OK : ExitCodes.DIFFERENT;
    }

    /**
     * What a replay runs on this host: the copied campaign, or its kwok-only form when its real nodes cannot run here
     * and its {@code cluster.realNodesFallback} allows it (as {@code run} does; else {@link RealNodeCheck#choose}
     * refuses, exit 3), with a new baseline then, and the lines that say so.
     */
    record Setup(Campaign campaign, boolean learnNewBaseline, List<String> lines) {
    }

    /** The {@link Setup} for {@code choice}; {@code newBaselineAsked}: --new-baseline. */
    static Setup setup(RealNodeCheck.Choice choice, boolean newBaselineAsked) {
        if (choice.unavailable().isEmpty()) {
            return new Setup(choice.campaign(), newBaselineAsked, List.of());
        }
        List<String> lines = new java.util.ArrayList<>(choice.line().stream().toList());
        if (!newBaselineAsked) {
            lines.add("the recorded baseline was learned with real nodes and their clients: learning a new one kwok-only");
        }
        return new Setup(choice.campaign(), true, List.copyOf(lines));
    }

    static void print(PrintWriter out, Reproducer.Replay r) {
        JournalRecord rec = r.recorded();
        Verdict now = r.replay().verdict();
        out.println("injection " + rec.id() + ": " + rec.operator() + " " + rec.parameters() + " on " + rec.kind() + " "
                + rec.object() + (rec.fieldPath().isEmpty() ? "" : " " + rec.fieldPath()));
        out.println("baseline:  " + r.baselineSource());
        out.printf("%-22s %-34s %-34s%n", "", "RECORDED", "REPLAYED");
        row(out, "class", String.valueOf(rec.outcome()), String.valueOf(now.outcome()));
        row(out, "object", rec.object(), objectOf(r));
        row(out, "value", rec.oldValue() + " -> " + rec.newValue(), r.replay().record().oldValue() + " -> " + r.replay().record().newValue());
        row(out, "first symptom (ms)", String.valueOf(rec.timeToFirstSymptomMillis()), String.valueOf(now.firstSymptomMillis()));
        row(out, "time to recover (ms)", String.valueOf(rec.timeToRecoverMillis()), String.valueOf(now.timeToRecoverMillis()));
        out.println("symptoms recorded:");
        symptoms(out, rec.symptoms());
        out.println("symptoms replayed:");
        symptoms(out, now.symptoms());
        out.println(r.sameClass() ? "same class" : "DIFFERENT class");
        out.flush();
    }

    private static String objectOf(Reproducer.Replay r) {
        String key = r.replay().record().key();
        return key.isEmpty() ? "(none)" : key.substring(key.lastIndexOf('/', key.lastIndexOf('/') - 1) + 1);
    }

    private static void row(PrintWriter out, String label, String recorded, String replayed) {
        out.printf("%-22s %-34s %-34s%n", label, recorded, replayed);
    }

    private static void symptoms(PrintWriter out, List<Symptom> symptoms) {
        if (symptoms.isEmpty()) {
            out.println("  (none)");
        }
        symptoms.forEach(s -> out.println("  " + s));
    }
}
