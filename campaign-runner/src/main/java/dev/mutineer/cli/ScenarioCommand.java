package dev.mutineer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mutineer scenario}: scripted scenarios (a fixed sequence of faults and cluster actions). */
@Command(name = "scenario",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Run a scripted scenario.",
        description = {
                "Scenarios are fixed sequences of in-flight faults and cluster actions with a time line, "
                        + "for behaviours a single injection cannot show. See examples/scenarios/README.md.",
                ""},
        subcommands = {StaleControllerCommand.class, CommandLine.HelpCommand.class})
final class ScenarioCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a scenario: stale-controller");
    }
}
