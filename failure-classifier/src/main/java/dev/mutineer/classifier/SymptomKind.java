package dev.mutineer.classifier;

/** What kind of deviation from the golden baseline a symptom is. */
public enum SymptomKind {
    APISERVER_UNHEALTHY,
    RESOURCE_UNREADABLE,
    COMPONENT_DOWN,
    /** Informational: the backend could not tell whether a component that ran throughout the golden runs still
     *  runs; the error it gave is the evidence. */
    COMPONENT_STATE_UNKNOWN,
    /** Informational: a control-plane process exited by itself (its status and the end of its log are the
     *  evidence), and whether the backend's supervisor started it again; the samples show how long it was down. */
    COMPONENT_EXITED,
    NODE_NOT_READY,
    COLLATERAL_DAMAGE,
    WORKLOAD_MISSING,
    DESIRED_BELOW_GOLDEN,
    DESIRED_ABOVE_GOLDEN,
    READY_BELOW_GOLDEN,
    AVAILABLE_BELOW_GOLDEN,
    PODS_BELOW_GOLDEN,
    PODS_ABOVE_GOLDEN,
    /** Pods of a workload whose containers cannot start (the image cannot be found, the container keeps crashing, ...)
     *  beyond the golden runs': replicas it asked for and does not get. */
    PODS_CANNOT_START,
    LEAKED_WORKLOAD,
    ORPHAN_PODS,
    ENDPOINTS_MISMATCH,
    ENDPOINTS_BELOW_GOLDEN,
    SERVICE_MISSING,
    /** Informational unless beyond the target's workload: a controller has not caught up with a spec for a while. */
    GENERATION_NOT_OBSERVED,
    /** Informational: pods restarted more than in any golden run. */
    POD_RESTARTS,
    /** Informational: a Warning event whose reason no golden run showed. */
    WARNING_EVENT,
    /** Client requests failed (by cause: the signal) in a second whose availability was below the golden band. */
    CLIENT_ERRORS,
    /** Client requests were answered by a pod of another workload than the one expected, which no golden run saw. */
    CLIENT_WRONG_WORKLOAD,
    /** Pods of a workload created or deleted (seen by the history's watches) beyond any golden window. */
    POD_CHURN,
    /** A pod or workload object's controlling owner changed (seen by the history's watches). */
    OWNER_CHANGED,
    /** A Service's endpoints appeared, went or changed readiness (seen by the history) more often than in any golden
     *  window: endpoint flaps. */
    ENDPOINT_FLAPS,
    /** A Service's ready endpoints included pods of a workload the golden runs never had behind it. */
    ENDPOINTS_FOREIGN_WORKLOAD,
    /** A live, ready pod of a Service's own workload was not among its ready endpoints beyond the endpoint lag. */
    ENDPOINTS_LOST_OWN_POD,
    /** An object's controlling owner did not exist (by uid) for longer than the garbage collector takes. */
    ORPHANED_OBJECT,
    /** Informational: the client's p99 latency was above the golden band for several consecutive seconds. */
    CLIENT_LATENCY
}
