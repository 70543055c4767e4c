package dev.mutineer.classifier.observation;

/**
 * One workload at one sample.
 *
 * <p>desired/current/ready/available map to each kind's own fields, as its declaration in
 * {@link dev.mutineer.cluster.resource.ResourceKinds} names them (a DaemonSet's numberReady, a Job's succeeded).
 *
 * @param kind   a workload kind of {@link dev.mutineer.cluster.resource.ResourceKinds}, e.g. "Deployment"
 * @param owner  key of the controlling owner ("Deployment/ns/name") or null for a root workload
 * @param pods   existing pods this workload controls, directly or through the workloads it owns (a Deployment
 *               counts its ReplicaSets' pods); pods that finished (Succeeded, Failed) are not counted
 */
public record WorkloadStatus(String kind, String namespace, String name, String owner,
                             int desired, int current, int ready, int available, int pods,
                             long generation, long observedGeneration) {

    public String key() {
        return kind + "/" + namespace + "/" + name;
    }
}
