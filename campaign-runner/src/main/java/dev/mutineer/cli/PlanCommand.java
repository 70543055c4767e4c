package dev.mutineer.cli;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.ClusterSpec;
import dev.mutineer.campaign.run.CampaignCluster;
import dev.mutineer.campaign.run.CampaignPlanner;
import dev.mutineer.campaign.run.PlannedInjection;
import dev.mutineer.campaign.run.StoredObjects;
import dev.mutineer.campaign.shard.Shard;
import dev.mutineer.injector.spec.InjectionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code mutineer plan FILE}: the injections a campaign would run, with their IDs, without running any. */
@Command(name = "plan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "List a campaign's planned injections and their IDs without injecting anything.",
        description = {
                "Plans need the field catalog of the objects the workload stores, so this starts a cluster of the "
                        + "campaign's (first) configuration, applies the workload, waits for its steady state, reads "
                        + "etcd, plans from the campaign's seed and tears the cluster down again (about a minute on "
                        + "the local backend). No fault is injected. The same file and seed always give the same IDs: "
                        + "objects whose names the API server generates (pods, EndpointSlices) are targeted by their "
                        + "labels, so the plan does not depend on the cluster it was read from.",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:planned and listed",
                "1:the cluster or the workload did not come up (see the message)",
                "2:invalid campaign file or bad option; nothing was started",
                "3:a prerequisite is missing (cluster binaries, Docker engine for kind, root and node packages for cluster.realNodes)",
                "130:interrupted by Ctrl-C; the cluster was torn down",
        })
final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The campaign file, e.g. examples/quickstart.yaml.")
    Path file;

    @Option(names = "--allow-outside",
            description = "Read workload manifests outside the campaign file's directory tree too (absolute paths, '..', "
                    + "symbolic links pointing out); without it they are refused.")
    boolean allowOutside;

    @Option(names = "--shard", paramLabel = "K/N", converter = ShardOption.class,
            description = "List only the injections 'run --shard K/N' runs: the K-th of N slices of the plan, by ID.")
    Shard shard;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Campaign> loaded = CampaignFiles.load(file, CampaignFiles.scope(allowOutside), err);
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE;
        }
        RealNodeCheck.Choice choice = RealNodeCheck.choose(loaded.get()); // plan starts the campaign's cluster
        choice.line().ifPresent(line -> log(err, line));
        Campaign campaign = choice.campaign();
        Map.Entry<String, ClusterSpec> first = campaign.clusterVariants().entrySet().iterator().next();
        List<PlannedInjection> plan;
        try (ClusterTeardown teardown = new ClusterTeardown(err);
             CampaignCluster cluster = CampaignCluster.start(campaign, first.getValue(), teardown::watch, m -> log(err, m))) {
            List<StoredObjects.Selected> objects = StoredObjects.read(cluster.cluster(), campaign.targets());
            log(err, "targets select " + objects.size() + " stored objects: " + StoredObjects.countByKind(objects));
            plan = CampaignPlanner.plan(campaign, objects, note -> log(err, note));
        }
        print(out, campaign, plan, Optional.ofNullable(shard));
        return ExitCodes.OK;
    }

    /** The plan, or the slice of it a shard runs; the last line counts what was listed. */
    static void print(PrintWriter out, Campaign campaign, List<PlannedInjection> whole, Optional<Shard> shard) {
        List<PlannedInjection> plan = shard.map(s -> s.slice(whole)).orElse(whole);
        out.printf("%-10s  %-13s  %-45s  %-11s  %s%n", "ID", "KIND", "OBJECT", "OPERATOR", "PARAMETERS");
        for (PlannedInjection p : plan) {
            InjectionSpec s = p.spec();
            String object = (s.target().namespace().isEmpty() ? "" : s.target().namespace() + "/")
                    + (s.target().name().isEmpty() ? "[" + s.target().selector() + "]" : s.target().name());
            String params = s.parameters().isEmpty() ? "-" : s.parameters().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
            out.printf("%-10s  %-13s  %-45s  %-11s  %s%n", s.id(), s.target().kind(), object, s.operator(), params);
        }
        int runs = plan.size() * campaign.repetitions() * campaign.clusterVariants().size();
        String slice = shard.map(s -> "shard " + s + ": " + plan.size() + " of " + whole.size()).orElse("" + plan.size());
        out.println(slice + " injections (seed " + campaign.seed() + ")" + (runs == plan.size() ? "" : ", " + runs
                + " runs with repetitions and variants") + "; unset parameters (the field, the bit) are drawn from "
                + "each injection's own seed when it runs, the same every time");
        out.flush();
    }

    static void log(PrintWriter err, String message) {
        err.println("mutineer: " + message);
        err.flush();
    }
}
