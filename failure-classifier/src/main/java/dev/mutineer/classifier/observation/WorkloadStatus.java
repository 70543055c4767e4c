package dev.mutineer.classifier.observation;

/**
 * One workload at one sample.
 *
 * <p>desired/current/ready/available map to each kind's own fields: Deployment, ReplicaSet and StatefulSet
 * spec.replicas / status.replicas / readyReplicas / availableReplicas; DaemonSet desiredNumberScheduled /
 * currentNumberScheduled / numberReady / numberAvailable; Job spec.parallelism / active / ready / succeeded.
 *
 * @param owner  key of the controlling owner ("Deployment/ns/name") or null for a root workload
 * @param pods   existing pods this workload controls, directly or through the workloads it owns (a Deployment
 *               counts its ReplicaSets' pods); pods that finished (Succeeded, Failed) are not counted
 */
public record WorkloadStatus(WorkloadKind kind, String namespace, String name, String owner,
                             int desired, int current, int ready, int available, int pods,
                             long generation, long observedGeneration) {

    public String key() {
        return kind + "/" + namespace + "/" + name;
    }
}
