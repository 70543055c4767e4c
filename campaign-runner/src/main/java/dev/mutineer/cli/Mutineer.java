package dev.mutineer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** The {@code mutineer} command line; the launcher script at the repository root runs {@link #main}. */
@Command(name = "mutineer",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "etcd-level fault and error injection for Kubernetes.",
        description = {
                "Starts disposable clusters, corrupts the state the API server keeps in etcd, watches how the "
                        + "error propagates to workloads and classifies each outcome.",
                ""},
        subcommands = {
                RunCommand.class,
                PlanCommand.class,
                ReproduceCommand.class,
                ReportCommand.class,
                MergeCommand.class,
                CompareCommand.class,
                DistributeCommand.class,
                CollectCommand.class,
                ImageCommand.class,
                ScenarioCommand.class,
                ClusterCommand.class,
                BinariesCommand.class,
                ValidateCommand.class,
                FieldsCommand.class,
                CommandLine.HelpCommand.class,
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  mutineer run examples/quickstart.yaml",
                "  mutineer plan examples/quickstart.yaml",
                "  mutineer reproduce 3f9k2m8q1z --results mutineer-results/quickstart",
                "  mutineer report mutineer-results/quickstart",
                "  mutineer merge mutineer-results/quickstart.shard-* --out mutineer-results/quickstart",
                "  mutineer compare mutineer-results/serial mutineer-results/parallel --min-agreement 95",
                "  mutineer scenario stale-controller --kind replicaset",
                "  mutineer cluster up --nodes 3",
                "  mutineer cluster up --feature-gates StaleControllerConsistencyReplicaSet=false",
                "  mutineer cluster up --backend kind",
                "  mutineer validate examples/quickstart.yaml",
                "  mutineer fields Deployment",
                "  mutineer binaries",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:failure while running (see the message)",
                "2:usage error or invalid input (bad flag, invalid campaign file); nothing ran",
                "3:a prerequisite is missing (cluster binaries, Docker engine for the kind backend)",
                "4:reproduce: the replay's outcome class differs from the recorded one; compare: the results disagree",
                "5:merge: merged, but shards are missing or records conflict (named on stderr and in merge.json)",
                "6:run, report: an expectation of the campaign (expect:) is violated; each is printed with its IDs",
                "130:interrupted by Ctrl-C; what finished is recorded, everything started was torn down",
        })
public final class Mutineer implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a subcommand there is nothing to do: say so and show what exists. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("mutineer: missing command");
        spec.commandLine().usage(err);
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Mutineer());
        cl.setExecutionExceptionHandler(Mutineer::reportFailure);
        cl.setParameterExceptionHandler(Mutineer::reportUsageError);
        cl.registerConverter(java.nio.file.Path.class, new FilePaths());
        return cl;
    }

    /**
     * A failure gets one line naming what went wrong; the stack trace only with MUTINEER_DEBUG=1,
     * because users act on the message, developers on the trace.
     */
    private static int reportFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof PrerequisiteMissing) {
            err.println("mutineer: " + e.getMessage());
            return ExitCodes.PREREQUISITE;
        }
        err.println("mutineer: error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null) {
                err.println("  caused by: " + c.getMessage());
            }
        }
        if ("1".equals(System.getenv("MUTINEER_DEBUG"))) {
            e.printStackTrace(err);
        } else {
            err.println("  (set MUTINEER_DEBUG=1 for the stack trace)");
        }
        err.flush();
        return ExitCodes.FAILURE;
    }

    private static int reportUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("mutineer: " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Thrown when the machine lacks something mutineer cannot provide itself (exit code 3). */
    static final class PrerequisiteMissing extends RuntimeException {
        PrerequisiteMissing(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
