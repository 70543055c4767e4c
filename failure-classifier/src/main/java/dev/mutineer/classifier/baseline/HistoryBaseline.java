package dev.mutineer.classifier.baseline;

import java.util.Map;
import java.util.Set;

/**
 * What the golden runs' histories showed: per controlling workload the most pods created and deleted in one window,
 * the most controller-owner changes in one window, per Service the most endpoint changes in one window and the
 * workloads behind its ready endpoints, and the most objects left orphaned in one window.
 *
 * <p>The last three came later: a baseline recorded before them reads back with them null, and the rules that use
 * them then fall back as each one says (the golden runs of those campaigns had none of these; see the rules).
 *
 * @param podChurn         per workload key ("ReplicaSet/default/web-5d8f"); a workload absent here had none
 * @param maxOwnerChanges  most owner changes of pods and workload objects in one golden window (should be 0)
 * @param endpointChanges  per Service key ("Service/default/web"), the most endpoint changes (one appearing, going,
 *                         or changing readiness) in one golden window; a Service absent here had none
 * @param serviceWorkloads per Service key, the workloads (roots of the pods' controller chains,
 *                         "Deployment/default/web") behind its ready endpoints in any golden window
 * @param maxOrphans       most objects whose controlling owner did not exist, for longer than the orphan rule's
 *                         grace, in one golden window
 * @param partlyServed     per Service key, the workloads with a ready pod that was not among its ready endpoints at
 *                         the end of a golden window: by design, a Service that selects some of a workload's pods
 *                         (one StatefulSet replica, one pod-template-hash); null in baselines recorded before
 */
public record HistoryBaseline(Map<String, Churn> podChurn, int maxOwnerChanges, Map<String, Integer> endpointChanges,
                              Map<String, Set<String>> serviceWorkloads, Integer maxOrphans,
                              Map<String, Set<String>> partlyServed) {

    public HistoryBaseline {
        podChurn = podChurn == null ? Map.of() : Map.copyOf(podChurn);
        endpointChanges = endpointChanges == null ? null : Map.copyOf(endpointChanges);
        serviceWorkloads = serviceWorkloads == null ? null : Map.copyOf(serviceWorkloads);
        partlyServed = partlyServed == null ? null : Map.copyOf(partlyServed);
    }

    /** A baseline of the first history rules only (pod churn, owner changes), as recorded before the others. */
    public HistoryBaseline(Map<String, Churn> podChurn, int maxOwnerChanges) {
        this(podChurn, maxOwnerChanges, null, null, null, null);
    }

    /** The golden maximum of pods created and of pods deleted in one window. */
    public record Churn(int created, int deleted) {
        public static final Churn NONE = new Churn(0, 0);
    }

    public Churn churn(String workloadKey) {
        return podChurn.getOrDefault(workloadKey, Churn.NONE);
    }
}
