package dev.mutineer.cluster.resource;

import java.util.List;

/**
 * Where a workload kind keeps the counters every workload has, as paths into the object ("spec", "replicas"):
 * Deployments say readyReplicas where DaemonSets say numberReady. A null path: the kind has no such counter.
 */
public record WorkloadCounters(List<String> desired, List<String> current, List<String> ready, List<String> available,
                               List<String> observedGeneration) {

    /** The counters of Deployments, ReplicaSets and StatefulSets. */
    static final WorkloadCounters REPLICAS = of("spec.replicas", "status.replicas", "status.readyReplicas",
            "status.availableReplicas", "status.observedGeneration");

    static WorkloadCounters of(String desired, String current, String ready, String available, String observedGeneration) {
        return new WorkloadCounters(path(desired), path(current), path(ready), path(available), path(observedGeneration));
    }

    private static List<String> path(String dotted) {
        return dotted == null ? null : List.of(dotted.split("\\."));
    }
}
