package dev.mutineer.cli;

import dev.mutineer.campaign.Durations;
import dev.mutineer.campaign.run.ResultsDir;
import dev.mutineer.campaign.scenario.ScenarioResults;
import dev.mutineer.campaign.scenario.ScenarioRun;
import dev.mutineer.campaign.scenario.ScenarioTiming;
import dev.mutineer.campaign.scenario.StaleControllerScenarios;
import dev.mutineer.campaign.scenario.StaleWorkload;
import dev.mutineer.cluster.local.Binaries;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mutineer scenario stale-controller}: kubernetes#129795 with KEP-5647's gate on and off. */
@Command(name = "stale-controller",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Reproduce kubernetes#129795 (a stale controller creates extra pods) with its fix on and off.",
        description = {
                "The bug: a ReplicaSet or DaemonSet controller creates pods and waits until its pod informer has "
                        + "seen them (its 'expectations'). Expectations expire after 5 minutes. If the informer still "
                        + "lags then, the next sync counts the stale cache, finds too few pods and creates them again: "
                        + "more pods than the workload wants.",
                "",
                "The scenario: for each kind, two 3-node local clusters side by side, the API server of each behind "
                        + "mutineer's etcd interposer, one with the controller's feature gate "
                        + "(StaleControllerConsistencyReplicaSet or StaleControllerConsistencyDaemonSet, KEP-5647, "
                        + "beta and on by default in 1.36) off, one with it on. The pod watch from etcd to the API "
                        + "server is held (progress notifications too, so no cache believes it is newer than its "
                        + "events); the ReplicaSet scales from 2 to 5 replicas, or two nodes join the DaemonSet's 3; "
                        + "after --hold an annotation on the workload triggers a sync; the hold is released and the "
                        + "counts converge. Pods are counted in etcd and in the API server's cache every few seconds.",
                "",
                "Expected: gate off -> OVER_PROVISIONING (more pods in etcd than desired: 8 of 5 for the ReplicaSet, "
                        + "6 of 5 for the DaemonSet, whose expectations let it create one of its two new pods "
                        + "before the TTL and both again after it); gate on -> NO_EFFECT (the controller sees that its informer "
                        + "has not caught up with its own writes and requeues). One run takes about 7 minutes.",
                "",
                "Writes DIR/journal.jsonl (one result per run, variant gate-off/gate-on), report.csv, report.html, "
                        + "scenario.html (pod counts over time side by side) and pod-counts.csv.",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every run finished and is recorded, whatever its outcome",
                "1:a run failed (a cluster or the workload did not come up); the finished runs are recorded",
                "2:usage error (bad --kind or --hold, DIR already holds a journal); nothing ran",
                "3:a prerequisite is missing (cluster binaries)",
                "130:interrupted by Ctrl-C; every cluster started was torn down",
        })
final class StaleControllerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--kind", paramLabel = "replicaset|daemonset|all", defaultValue = "all",
            description = "Which controller to exercise (default: ${DEFAULT-VALUE}: both, four clusters at once).")
    String kind;

    @Option(names = "--hold", paramLabel = "DURATION", defaultValue = "5m20s",
            description = "From the scale-up to the sync trigger, the pod watch held all along (default: "
                    + "${DEFAULT-VALUE}). Shorter than the 5-minute expectations TTL, the bug cannot show.")
    String hold;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "mutineer-results/stale-controller",
            description = "Results directory (default: ${DEFAULT-VALUE}); must not hold a journal yet.")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<StaleWorkload> workloads;
        Duration holdFor;
        try {
            workloads = "all".equalsIgnoreCase(kind)
                    ? List.of(StaleWorkload.of("replicaset"), StaleWorkload.of("daemonset"))
                    : List.of(StaleWorkload.of(kind));
            holdFor = Durations.parse(hold);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (ResultsDir.hasJournal(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), out + " already holds a journal; pass another --out");
        }
        PrintWriter err = spec.commandLine().getErr();
        ScenarioTiming timing = ScenarioTiming.withHold(holdFor);
        if (!timing.outlastsExpectations()) {
            err.println("mutineer: note: --hold " + hold + " ends before the 5-minute expectations TTL; the bug cannot show");
        }
        try {
            Binaries.resolve();
        } catch (RuntimeException e) {
            throw new Mutineer.PrerequisiteMissing("cannot provision the cluster binaries: " + e.getMessage(), e);
        }
        StaleControllerScenarios.Outcomes outcomes = StaleControllerScenarios.runConcurrently(
                StaleControllerScenarios.cases(workloads), timing, line -> {
                    synchronized (err) {
                        err.println(line);
                        err.flush();
                    }
                });
        PrintWriter o = spec.commandLine().getOut();
        if (!outcomes.runs().isEmpty()) {
            ScenarioResults.Written written = ScenarioResults.write(out, outcomes.runs());
            for (ScenarioRun r : outcomes.runs()) {
                o.printf("%-10s %-9s %-18s pods in etcd %s (desired %d)%n", r.scenarioCase().workload().kind(),
                        r.scenarioCase().variant(), r.outcome(), r.etcdCounts(), r.desiredPods());
            }
            o.println("report: " + written.report().html().toAbsolutePath());
            o.println("pod counts over time: " + written.page().toAbsolutePath());
            o.flush();
        }
        outcomes.failures().forEach(f -> err.println("mutineer: run failed: " + f));
        err.flush();
        return outcomes.failures().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
