package dev.mutineer.classifier.baseline;

import dev.mutineer.cluster.Component;

import java.util.Map;
import java.util.Set;

/**
 * What a healthy cluster looks like, learned from several golden observations (no fault): the range every
 * signal took, so that normal variance is not mistaken for a symptom. Built by {@link BaselineLearner}.
 *
 * @param goldenRuns               how many golden observations it was learned from
 * @param workloads                per workload key ("Deployment/ns/name")
 * @param services                 per Service key ("Service/ns/name")
 * @param orphanPods               per namespace, pods no existing controller owns
 * @param restartIncrease          per namespace, the largest rise of the sum of container restarts within one run
 * @param readyNodes               nodes that were Ready in every golden sample
 * @param alwaysRunning            components whose process ran in every golden sample
 * @param maxApiUnhealthySamples   most samples of one golden run in which /readyz or /livez was not 200
 * @param erroringResources        resource types whose LIST failed in some golden sample (should be none)
 * @param warningReasons           reasons of Warning events the golden runs showed
 * @param client                   the client's golden band; null when the golden runs had no client traffic
 *                                 (kwok-only, and every baseline written before client traffic existed)
 * @param history                  what the golden histories showed; null when a golden run had no history (every
 *                                 baseline written before the history existed): the history rules then stay silent
 */
public record Baseline(int goldenRuns, Map<String, WorkloadBaseline> workloads, Map<String, ServiceBaseline> services,
                       Map<String, Range> orphanPods, Map<String, Long> restartIncrease, Set<String> readyNodes,
                       Set<Component> alwaysRunning, int maxApiUnhealthySamples, Set<String> erroringResources,
                       Set<String> warningReasons, ClientBaseline client, HistoryBaseline history) {

    public Baseline {
        workloads = Map.copyOf(workloads);
        services = Map.copyOf(services);
        orphanPods = Map.copyOf(orphanPods);
        restartIncrease = Map.copyOf(restartIncrease);
        readyNodes = Set.copyOf(readyNodes);
        alwaysRunning = Set.copyOf(alwaysRunning);
        erroringResources = Set.copyOf(erroringResources);
        warningReasons = Set.copyOf(warningReasons);
    }

    /** A baseline learned without histories. */
    public Baseline(int goldenRuns, Map<String, WorkloadBaseline> workloads, Map<String, ServiceBaseline> services,
                    Map<String, Range> orphanPods, Map<String, Long> restartIncrease, Set<String> readyNodes,
                    Set<Component> alwaysRunning, int maxApiUnhealthySamples, Set<String> erroringResources,
                    Set<String> warningReasons, ClientBaseline client) {
        this(goldenRuns, workloads, services, orphanPods, restartIncrease, readyNodes, alwaysRunning,
                maxApiUnhealthySamples, erroringResources, warningReasons, client, null);
    }

    /** A baseline learned without client traffic. */
    public Baseline(int goldenRuns, Map<String, WorkloadBaseline> workloads, Map<String, ServiceBaseline> services,
                    Map<String, Range> orphanPods, Map<String, Long> restartIncrease, Set<String> readyNodes,
                    Set<Component> alwaysRunning, int maxApiUnhealthySamples, Set<String> erroringResources,
                    Set<String> warningReasons) {
        this(goldenRuns, workloads, services, orphanPods, restartIncrease, readyNodes, alwaysRunning,
                maxApiUnhealthySamples, erroringResources, warningReasons, null, null);
    }

    /** The band client seconds are held against: the learned one, or {@link ClientBaseline#NOT_LEARNED}. */
    public ClientBaseline clientBand() {
        return client == null ? ClientBaseline.NOT_LEARNED : client;
    }

    /** The root of a workload's ownership chain in the golden state: the workload itself when it has no owner. */
    public String goldenRoot(String workloadKey) {
        String current = workloadKey;
        for (int hops = 0; hops < 10; hops++) {
            WorkloadBaseline b = workloads.get(current);
            if (b == null || b.owner() == null) {
                return current;
            }
            current = b.owner();
        }
        return current;
    }
}
