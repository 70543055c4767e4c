package dev.mutineer.cli;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.run.CampaignRunner;
import dev.mutineer.campaign.run.Parallelism;
import dev.mutineer.campaign.run.Progress;
import dev.mutineer.campaign.run.ResultsDir;
import dev.mutineer.campaign.shard.Shard;
import dev.mutineer.campaign.shard.ShardFile;
import dev.mutineer.cluster.kind.DockerUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
                "  mutineer run examples/quickstart.yaml --out results/qs --junit results/qs/junit.xml",
                "  mutineer run examples/quickstart.yaml",
                "  mutineer run examples/quickstart.yaml --out results/qs --resume",
                "  mutineer run examples/quickstart.yaml --shard 2/4   (results in mutineer-results/quickstart.shard-2-of-4)",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every planned injection is recorded (whatever its outcome class) and every expectation holds",
                "1:failure while running (a cluster or the workload did not come up, ...); what was recorded stays",
                "2:invalid campaign file or option, or DIR already holds a journal and --resume was not given",
                "3:a prerequisite is missing (cluster binaries, Docker engine for kind, root and node packages for cluster.realNodes)",
                "6:an expectation of the campaign (expect:) is violated; each is printed with the IDs behind it",
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

    @Option(names = "--allow-outside",
            description = "Read workload manifests outside the campaign file's directory tree too (absolute paths, '..', "
                    + "symbolic links pointing out); without it they are refused.")
    boolean allowOutside;

    @Option(names = "--resume", description = "Continue the campaign recorded in DIR: skip the IDs its journal holds, reuse its baseline.")
    boolean resume;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write JUnit XML: a testsuite per cluster configuration, a testcase per injection "
                    + "(NOT_ACTIVATED skipped) and per expectation (failing when violated).")
    Path junit;

    @Option(names = "--max-injections", paramLabel = "N",
            description = "Stop after recording N injections in this run; the rest is left for --resume.")
    Integer maxInjections;

    @Option(names = "--shard", paramLabel = "K/N", converter = ShardOption.class, description = ShardOption.DESCRIPTION
            + " The default DIR becomes mutineer-results/<campaign name>.shard-K-of-N; --resume continues one shard.")
    Shard shard;

    @Option(names = "--parallel", paramLabel = "N|auto",
            description = "Run injections on N clusters side by side (1 to 16), each injection on whichever is free: the "
                    + "same plan, IDs and seeds as a serial run, one journal. A differential campaign shares the N "
                    + "clusters among its variants, so its variants run side by side. Each cluster learns its own "
                    + "baseline from goldenRuns. 'auto': min(4 x cores, available memory / 600 MiB) for kwok-only "
                    + "clusters, min(cores, memory / (600 MiB + 256 MiB per real node)) with real nodes. Default: the "
                    + "campaign's parallelism (1).")
    String parallel;

    @Override
    public Integer call() {
        PrintWriter outW = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Campaign> loaded = CampaignFiles.load(file, CampaignFiles.scope(allowOutside), err);
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE;
        }
        RealNodeCheck.Choice choice = RealNodeCheck.choose(loaded.get()); // before any cluster starts
        Campaign campaign = choice.campaign();
        Path unsharded = ResultsDir.defaultFor(campaign);
        Path dir = (out != null ? out : shard != null ? shard.defaultResultsDir(unsharded) : unsharded).toAbsolutePath().normalize();
        if (ResultsDir.hasJournal(dir) && !resume) {
            throw new CommandLine.ParameterException(spec.commandLine(), dir + " already holds a journal: add --resume "
                    + "to continue that campaign, or choose another --out directory");
        }
        try {
            ShardFile.checkRunIn(dir, Optional.ofNullable(shard), campaign, ResultsDir.hasJournal(dir));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (maxInjections != null && maxInjections < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-injections must be at least 1");
        }
        int clusters;
        try {
            clusters = Parallelism.parse(parallel == null ? campaign.parallelism() : parallel, campaign.maxRealNodes());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--parallel " + e.getMessage(), e);
        }
        err.println("mutineer: campaign " + campaign.name() + (clusters == 1 ? "" : ", " + clusters + " clusters side by side")
                + (shard == null ? "" : ", shard " + shard) + ", results in " + dir);
        choice.line().ifPresent(line -> err.println("mutineer: " + line));
        err.flush();
        CampaignRunner runner;
        CampaignRunner.Summary summary;
        try (Progress progress = Progress.forConsole(err)) {
            runner = new CampaignRunner(campaign, dir, resume, maxInjections == null ? Integer.MAX_VALUE : maxInjections, progress,
                    Optional.ofNullable(shard), clusters).withRealNodesUnavailable(choice.unavailable());
            Thread hook = new Thread(() -> {
                err.println();
                err.println("mutineer: interrupted; recording stops, tearing the cluster" + (clusters == 1 ? "" : "s") + " down ...");
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
        boolean complete = summary.recordedNow() + summary.skipped() >= summary.planned();
        if (!complete) {
            err.println("mutineer: " + (summary.planned() - summary.recordedNow() - summary.skipped())
                    + " injections left; continue with: mutineer run " + file + " --out " + dir
                    + (shard == null ? "" : " --shard " + shard) + " --resume");
            if (!campaign.expect().isEmpty()) {
                // Shares and IDs of a part say nothing about the whole: an ID not run yet is no violation.
                err.println("mutineer: expectations are checked once every planned injection is recorded");
            }
        }
        err.flush();
        return Verdicts.check(campaign.name(), complete ? campaign.expect() : List.of(), dir, junit, outW, err);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook stops the runner and prints the summary
        }
    }
}
