package dev.mutineer.cli;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.run.CampaignRunner;
import dev.mutineer.campaign.run.Progress;
import dev.mutineer.campaign.run.ResultsDir;
import dev.mutineer.cluster.kind.DockerUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code mutineer run FILE}: the whole campaign, recorded injection by injection, then the report. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Run a campaign: inject, observe, classify, record; then render the report.",
        description = {
                "For each cluster configuration: start a cluster, apply the workload, wait for its steady state and "
                        + "save it; run the golden (fault-free) runs that make the baseline; then for every planned "
                        + "injection: restore the steady state, settle, inject into etcd, observe the window and "
                        + "classify against the baseline. Every result is appended to DIR/journal.jsonl (fsynced) as "
                        + "soon as it is classified: a crash, even SIGKILL, loses nothing already recorded. The "
                        + "campaign file and exactly the manifests it applies are copied into DIR/campaign, so "
                        + "'mutineer reproduce' needs nothing else, wherever DIR is moved. At the end: a summary per "
                        + "outcome class and DIR/report.html.",
                "",
                "Ctrl-C stops after recording what finished, tears the cluster down, renders the report and exits "
                        + "130; 'run FILE --out DIR --resume' continues where it stopped.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  mutineer run examples/quickstart.yaml",
                "  mutineer run examples/quickstart.yaml --out results/qs --resume",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every planned injection is recorded (whatever its outcome class)",
                "1:failure while running (a cluster or the workload did not come up, ...); what was recorded stays",
                "2:invalid campaign file or option, or DIR already holds a journal and --resume was not given",
                "3:a prerequisite is missing (cluster binaries, Docker engine for kind, root and node packages for cluster.realNodes)",
                "130:interrupted by Ctrl-C after recording what finished; the cluster was torn down",
        })
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The campaign file, e.g. examples/quickstart.yaml.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results directory (default: mutineer-results/<campaign name> under the working directory).")
    Path out;

    @Option(names = "--resume", description = "Continue the campaign recorded in DIR: skip the IDs its journal holds, reuse its baseline.")
    boolean resume;

    @Option(names = "--max-injections", paramLabel = "N",
            description = "Stop after recording N injections in this run; the rest is left for --resume.")
    Integer maxInjections;

    @Override
    public Integer call() {
        PrintWriter outW = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Campaign> loaded = CampaignFiles.load(file, err);
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE;
        }
        RealNodeCheck.Choice choice = RealNodeCheck.choose(loaded.get()); // before any cluster starts
        Campaign campaign = choice.campaign();
        Path dir = (out != null ? out : ResultsDir.defaultFor(campaign)).toAbsolutePath().normalize();
        if (ResultsDir.hasJournal(dir) && !resume) {
            throw new CommandLine.ParameterException(spec.commandLine(), dir + " already holds a journal: add --resume "
                    + "to continue that campaign, or choose another --out directory");
        }
        if (maxInjections != null && maxInjections < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-injections must be at least 1");
        }
        err.println("mutineer: campaign " + campaign.name() + ", results in " + dir);
        choice.line().ifPresent(line -> err.println("mutineer: " + line));
        err.flush();
        CampaignRunner runner;
        CampaignRunner.Summary summary;
        try (Progress progress = Progress.forConsole(err)) {
            runner = new CampaignRunner(campaign, dir, resume, maxInjections == null ? Integer.MAX_VALUE : maxInjections, progress)
                    .withRealNodesUnavailable(choice.unavailable());
            Thread hook = new Thread(() -> {
                err.println();
                err.println("mutineer: interrupted; recording stops, tearing the cluster down ...");
                err.flush();
                runner.stop();
                if (ResultsDir.hasJournal(dir)) {
                    CampaignSummary.print(outW, err, dir);
                }
            }, "mutineer-run-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                summary = runner.run();
            } catch (RuntimeException e) {
                if (e.getCause() instanceof DockerUnavailableException d) {
                    throw new Mutineer.PrerequisiteMissing(d.getMessage(), d);
                }
                throw e;
            } finally {
                removeHook(hook);
            }
        }
        CampaignSummary.print(outW, err, dir);
        if (summary.recordedNow() + summary.skipped() < summary.planned()) {
            err.println("mutineer: " + (summary.planned() - summary.recordedNow() - summary.skipped())
                    + " injections left; continue with: mutineer run " + file + " --out " + dir + " --resume");
        }
        err.flush();
        return ExitCodes.OK;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook stops the runner and prints the summary
        }
    }
}
