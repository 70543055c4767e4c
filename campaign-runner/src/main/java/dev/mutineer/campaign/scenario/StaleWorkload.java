package dev.mutineer.campaign.scenario;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A workload whose controller the stale-controller scenario exercises: how to create it, how to make
 * it want more pods, and which feature gate guards its controller against a stale pod informer.
 */
public sealed interface StaleWorkload permits ReplicaSetWorkload, DaemonSetWorkload {

    String NAMESPACE = "default";

    /** "ReplicaSet" or "DaemonSet". */
    String kind();

    /** The object's name; its pods are named {@code name-xxxxx} and labelled {@code app=name}. */
    String name();

    /** KEP-5647's gate for this controller. */
    String featureGate();

    /** Pods wanted before the scale-up. */
    int initialPods();

    /** Pods wanted after the scale-up. */
    int desiredPods();

    /** Creates the workload with {@link #initialPods()} pods wanted. */
    void create(KubernetesClient client);

    /** Makes the workload want {@link #desiredPods()} pods; its controller creates the difference. */
    void scaleUp(KubernetesClient client);

    /** Annotates the workload: an update event that makes its controller sync it once more. */
    void triggerSync(KubernetesClient client, String value);

    /** The etcd key prefix of this workload's pods. */
    default String podKeyPrefix() {
        return "/registry/pods/" + NAMESPACE + "/" + name() + "-";
    }

    static StaleWorkload of(String kind) {
        return switch (kind.toLowerCase(java.util.Locale.ROOT)) {
            case "replicaset", "rs" -> new ReplicaSetWorkload();
            case "daemonset", "ds" -> new DaemonSetWorkload();
            default -> throw new IllegalArgumentException("no stale-controller scenario for kind " + kind
                    + "; known: replicaset, daemonset");
        };
    }
}
