package dev.mutineer.classifier;

/**
 * The primary outcome class of one injection (DESIGN.md, "Outcome classes").
 *
 * <p>The order of the constants is the order of precedence the {@link Classifier} applies:
 * an earlier class wins over a later one when the symptoms point to several.
 */
public enum Outcome {
    /** The fault never took effect: the target vanished or the write was refused. Kept out of statistics. */
    NOT_ACTIVATED,
    /** API server down, a resource type unreadable, a control-plane process down, nodes NotReady beyond the
     *  target, or damage to workloads beyond the injected object's own. Wins even if it recovered: an outage
     *  of the whole cluster is a failure however short it is. */
    CLUSTER_WIDE,
    /** Symptoms appeared, and by the end of the window every one was gone. */
    TRANSIENT,
    /** More pods or replicas than the golden runs ever had, including leaked or orphaned pods. Excess means pods that
     *  run: a pod whose containers cannot start is no excess capacity (see UNDER_PROVISIONING). */
    OVER_PROVISIONING,
    /** Fewer ready or available replicas (or desired, or nodes) than the golden runs ever had, or more of a workload's
     *  pods whose containers cannot start (image not found, config error, crash loop) than the golden runs had:
     *  replicas it asked for and does not get, as when a rollout is stuck on an image the node does not have. */
    UNDER_PROVISIONING,
    /** A Service's ready endpoints disagree with the ready pods its selector matches, or fall below golden. */
    SERVICE_NETWORKING,
    /** No symptom, but the corrupted value is still stored at the end: a fault waiting to be activated. */
    LATENT,
    /** No symptom and the corrupted value is gone. */
    NO_EFFECT
}
