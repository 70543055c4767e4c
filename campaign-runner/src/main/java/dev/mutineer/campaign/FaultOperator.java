package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.mutineer.injector.spec.FaultCatalog;

import java.util.Set;

/**
 * The fault operators a campaign can name. The injector module implements them and owns their
 * parameters (FaultCatalog); this enum is the campaign file's spelling of the same names, so a typo is caught
 * (with a suggestion) while binding, before anything runs.
 */
public enum FaultOperator {
    // At rest: a stored value changed through etcd.
    /** Meaning-blind: flips a bit of the stored (protobuf or JSON) value. */
    BIT_FLIP("bit-flip"),
    /** Data-type-aware: an extreme or invalid value for one field's type. */
    VALUE("value"),
    /** A value fault on fields that link objects (ownerReferences, labels, selectors, nodeName, ...). */
    DEPENDENCY("dependency"),
    /** A lost state update: the object's key disappears from etcd. */
    DELETE("delete"),
    /** A stored value the API server cannot decode (breaks the watch of the whole type). */
    UNDECODABLE("undecodable"),

    // In flight: a rule of the interposer between the API server and etcd (local backend).
    /** A write answered with success but never sent to etcd (a lost update). */
    DROP_WRITE("drop-write"),
    /** A write refused with a gRPC status. */
    FAIL_WRITE("fail-write"),
    /** The value being written, mutated by an at-rest operator ("with"). */
    MUTATE_WRITE("mutate-write"),
    /** Added latency on chosen etcd methods. */
    LATENCY("latency"),
    /** Watch events delivered late. */
    DELAY_WATCH("delay-watch"),
    /** Watch events (and progress notifications) held until the rule ends. */
    HOLD_WATCH("hold-watch"),
    /** Watch events lost. */
    DROP_WATCH_EVENTS("drop-watch-events"),
    /** Watch events delivered twice. */
    DUPLICATE_WATCH_EVENTS("duplicate-watch-events"),
    /** Watch events delivered out of order within a batch. */
    REORDER_WATCH_EVENTS("reorder-watch-events"),

    // Component: a control-plane process (local backend).
    /** SIGSTOP, SIGCONT after duration. */
    PAUSE_COMPONENT("pause-component"),
    /** SIGKILL, started again after duration when one is given. */
    KILL_COMPONENT("kill-component"),
    /** SIGKILL and an immediate start. */
    RESTART_COMPONENT("restart-component");

    private final String label;

    FaultOperator(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** The parameter names the injector's operator accepts (values are single scalars). */
    public Set<String> parameters() {
        return FaultCatalog.parameters(label);
    }

    public FaultCatalog.Family family() {
        return FaultCatalog.family(label);
    }
}
