package dev.mutineer.injector.fault;

/** Where a fault acts; information for people and reports, never a switch for the runner. */
public enum Family {
    /** A stored value changed through etcd. */
    AT_REST,
    /** A rule of the interposer on the API server -> etcd channel. */
    IN_FLIGHT,
    /** A control-plane process stopped, killed or restarted. */
    COMPONENT
}
