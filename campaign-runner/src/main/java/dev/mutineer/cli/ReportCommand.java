package dev.mutineer.cli;

import dev.mutineer.campaign.run.ResultsDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code mutineer report DIR}: report.csv and report.html from a campaign's journal. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Render a campaign's journal as CSV and a self-contained HTML page.",
        description = {
                "Reads DIR/journal.jsonl (read-only; works while a campaign is still running) and writes "
                        + "DIR/report.csv and DIR/report.html (each replaced whole, owner-only; a symbolic link in "
                        + "their place is replaced, never written through), then prints the counts per outcome class. "
                        + "Damaged journal lines are skipped: named on stderr (FILE:LINE: problem) and listed in "
                        + "the HTML.",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:rendered (damaged journal lines, if any, skipped and named)",
                "1:the report could not be written",
                "2:DIR holds no journal",
        })
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The campaign's results directory.")
    Path dir;

    @Override
    public Integer call() {
        if (!ResultsDir.hasJournal(dir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), dir + " holds no " + ResultsDir.JOURNAL
                    + "; pass the directory 'mutineer run' wrote");
        }
        CampaignSummary.print(spec.commandLine().getOut(), spec.commandLine().getErr(), dir);
        return ExitCodes.OK;
    }
}
