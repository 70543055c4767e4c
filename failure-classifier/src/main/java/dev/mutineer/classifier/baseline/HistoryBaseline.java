package dev.mutineer.classifier.baseline;

import java.util.Map;

/**
 * What the golden runs' histories showed: per controlling workload the most pods created and deleted in one window,
 * and the most controller-owner changes in one window.
 *
 * @param podChurn        per workload key ("ReplicaSet/default/web-5d8f"); a workload absent here had none
 * @param maxOwnerChanges most owner changes of pods and workload objects in one golden window (should be 0)
 */
public record HistoryBaseline(Map<String, Churn> podChurn, int maxOwnerChanges) {

    public HistoryBaseline {
        podChurn = podChurn == null ? Map.of() : Map.copyOf(podChurn);
    }

    /** The golden maximum of pods created and of pods deleted in one window. */
    public record Churn(int created, int deleted) {
        public static final Churn NONE = new Churn(0, 0);
    }

    public Churn churn(String workloadKey) {
        return podChurn.getOrDefault(workloadKey, Churn.NONE);
    }
}
