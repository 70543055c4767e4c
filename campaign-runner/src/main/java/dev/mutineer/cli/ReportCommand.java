package dev.mutineer.cli;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.Expectation;
import dev.mutineer.campaign.run.Reclassify;
import dev.mutineer.campaign.run.ResultsDir;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code mutineer report DIR}: report.csv and report.html from a campaign's journal; its expectations checked. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Render a campaign's journal as CSV and a self-contained HTML page; check its expectations.",
        description = {
                "Reads DIR/journal.jsonl (read-only; works while a campaign is still running) and writes "
                        + "DIR/report.csv and DIR/report.html (each replaced whole, owner-only; a symbolic link in "
                        + "their place is replaced, never written through), then prints the counts per outcome class. "
                        + "Damaged journal lines are skipped: named on stderr (FILE:LINE: problem) and listed in "
                        + "the HTML.",
                "",
                "The expectations (expect:) of the campaign copied into DIR/campaign, or of --campaign FILE, are "
                        + "checked against the journal: each is printed with the IDs behind it.",
                "",
                "--reclassify runs this version's classifier over the observations (samples and histories) and "
                        + "baselines stored in DIR and writes its verdicts beside the recorded ones, in "
                        + "DIR/reclassified.jsonl and DIR/reclassified.csv; the journal is left as it was. It prints "
                        + "the IDs whose class changed, with the symptoms that decided, and the counts per class "
                        + "recorded and now. Expectations are checked against the recorded verdicts.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  mutineer report mutineer-results/quickstart",
                "  mutineer report mutineer-results/quickstart --junit junit.xml",
                "  mutineer report mutineer-results/quickstart --campaign examples/quickstart.yaml",
                "  mutineer report mutineer-results/quickstart --reclassify",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:rendered (damaged journal lines, if any, skipped and named) and every expectation holds",
                "1:the report could not be written",
                "2:DIR holds no journal, or the campaign file is invalid (the report is written, its expectations not checked)",
                "6:an expectation of the campaign (expect:) is violated; each is printed with the IDs behind it",
        })
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The campaign's results directory.")
    Path dir;

    @Option(names = "--campaign", paramLabel = "FILE",
            description = "Check the expectations of this campaign file instead of those of the copy in DIR/campaign "
                    + "(e.g. tightened ones, against a recorded campaign).")
    Path campaignFile;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write JUnit XML: a testsuite per cluster configuration, a testcase per injection "
                    + "(NOT_ACTIVATED skipped) and per expectation (failing when violated).")
    Path junit;

    @Option(names = "--reclassify",
            description = "Also judge every stored observation again with this version's classifier: the new verdicts "
                    + "go to DIR/reclassified.jsonl and DIR/reclassified.csv, the IDs whose class changed are printed "
                    + "with why; the journal is not changed.")
    boolean reclassify;

    @Override
    public Integer call() {
        if (!ResultsDir.hasJournal(dir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), dir + " holds no " + ResultsDir.JOURNAL
                    + "; pass the directory 'mutineer run' wrote");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // The report first: a campaign file that does not load (an old copy, a typo in --campaign) loses no report.
        CampaignSummary.print(out, err, dir);
        if (reclassify) {
            ReclassifySummary.print(out, dir, Reclassify.of(dir));
        }
        Optional<Path> file = campaignFile != null ? Optional.of(campaignFile) : copiedCampaign();
        Optional<Campaign> campaign = Optional.empty();
        if (file.isPresent()) {
            campaign = CampaignFiles.load(file.get(), dev.mutineer.campaign.WorkloadScope.CAMPAIGN_TREE, err);
            if (campaign.isEmpty()) {
                err.println("mutineer: the report is written; the expectations were not checked");
                err.flush();
                return ExitCodes.USAGE;
            }
        }
        List<Expectation> expectations = campaign.map(Campaign::expect).orElse(List.of());
        String name = campaign.map(Campaign::name).orElseGet(this::recordedName);
        return Verdicts.check(name, expectations, dir, junit, out, err);
    }

    /** The campaign 'run' copied into DIR; none in a directory written otherwise (a scenario's, an old one). */
    private Optional<Path> copiedCampaign() {
        try {
            Path copy = ResultsDir.campaignFile(dir);
            return Files.isRegularFile(copy) ? Optional.of(copy) : Optional.empty();
        } catch (IllegalArgumentException noCopy) {
            return Optional.empty();
        }
    }

    private String recordedName() {
        return Journal.readWithoutObservations(dir).records().stream().map(JournalRecord::campaign)
                .filter(s -> !s.isBlank()).findFirst().orElse(dir.toAbsolutePath().normalize().getFileName().toString());
    }
}
