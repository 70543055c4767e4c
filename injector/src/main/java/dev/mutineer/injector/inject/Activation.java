package dev.mutineer.injector.inject;

/** Whether the fault reached etcd. */
public enum Activation {
    /** The mutated value (or the deletion) is in etcd. */
    INJECTED,
    /**
     * Nothing was written: the target was gone, no object matched, the operator had nothing to
     * change on it, or the object kept changing under every attempt. Kept out of the statistics.
     */
    NOT_ACTIVATED
}
