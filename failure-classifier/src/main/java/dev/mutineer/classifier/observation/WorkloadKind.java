package dev.mutineer.classifier.observation;

/** The workload kinds whose replicas the observer tracks. */
public enum WorkloadKind {
    Deployment, ReplicaSet, StatefulSet, DaemonSet, Job;

    /** The resource name used in API error records, e.g. "deployments". */
    public String resource() {
        return name().toLowerCase(java.util.Locale.ROOT) + "s";
    }
}
