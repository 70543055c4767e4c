package dev.mutineer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code mutineer cluster ...}: disposable clusters by hand, for exploring and debugging. */
@Command(name = "cluster",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Disposable clusters by hand (up).",
        description = "Start a disposable cluster by hand, to look around with kubectl and etcdctl.",
        subcommands = {ClusterUpCommand.class})
final class ClusterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("mutineer cluster: missing subcommand");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
