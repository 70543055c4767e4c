package dev.mutineer.campaign.run;

import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.node.NodeContainer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The conditions a campaign's reset waits on ({@link AtRestCondition}), each reading the cluster afresh. */
final class AtRestConditions {

    private AtRestConditions() {
    }

    /**
     * Every component running, the controller-manager's garbage collector synced, the workload at rest, the real nodes' pods running as the API says, and client traffic
     * (when the campaign has it) succeeding at the golden rate.
     */
    static List<AtRestCondition> standard(CampaignCluster cluster, java.util.function.DoubleSupplier trafficThreshold) {
        List<AtRestCondition> out = new ArrayList<>(List.of(components(cluster.cluster()),
                ControllersSynced.of(cluster.cluster()), workload(cluster), realPods(cluster.cluster())));
        cluster.traffic().ifPresent(t -> out.add(TrafficAtRest.of(t, trafficThreshold)));
        return out;
    }

    static AtRestCondition components(Cluster cluster) {
        return AtRestCondition.of("components", restoredAt -> {
            List<String> out = new ArrayList<>();
            for (Component c : cluster.components()) {
                ComponentState state = cluster.state(c);
                if (state != ComponentState.RUNNING) {
                    out.add(c + " " + state);
                }
            }
            return out;
        });
    }

    /** Every workload available, every Service's ready endpoints exactly its ready pods ({@link Workload#notSteady}). */
    static AtRestCondition workload(CampaignCluster cluster) {
        return AtRestCondition.of("workload", restoredAt -> orError("API error: ",
                () -> Workload.notSteady(cluster.cluster().client(), new LinkedHashSet<>(cluster.namespaces()))));
    }

    /**
     * The pods of real nodes against what the nodes' container runtimes run ({@link RealPods}); nothing to check, and
     * nothing asked, on a cluster without real nodes.
     */
    static AtRestCondition realPods(Cluster cluster) {
        return AtRestCondition.of("real pods", restoredAt -> orError("real pods: ", () -> {
            Map<String, List<NodeContainer>> containers = cluster.realNodeContainers();
            if (containers.isEmpty()) {
                return List.of();
            }
            return RealPods.notAtRest(cluster.client().pods().inAnyNamespace().list().getItems(), containers);
        }));
    }

    private static List<String> orError(String prefix, Supplier<List<String>> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return List.of(prefix + e.getMessage());
        }
    }
}
