package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How each injection (and golden run) gets back to the saved steady state.
 *
 * <p>The key-level restore puts every stored object back through etcd, but the controllers keep
 * what they learned from the previous injection in memory: the EndpointSlice controller's tracker
 * remembers generations newer than the restored slices and keeps treating its cache as stale, the
 * scheduler's cache holds pods on the nodes a fault moved them to. Stopping kube-controller-manager
 * and kube-scheduler while the keys are written and starting them afterwards makes each run start
 * from the same state in memory too, and keeps them from acting on the write itself; it costs about
 * a second per injection and is the default.
 */
public enum ResetMode {
    RESTART_CONTROLLERS("restart-controllers"),
    KEYS_ONLY("keys-only");

    private final String label;

    ResetMode(String label) {
        this.label = label;
    }

    /** The name used in campaign files. */
    @JsonValue
    public String label() {
        return label;
    }
}
