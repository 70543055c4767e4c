package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.mutineer.injector.operator.Operators;

import java.util.Set;

/**
 * The fault operators a campaign can name. The injector module implements them and owns their
 * parameters; this enum is the campaign file's spelling of the same names, so a typo is caught
 * (with a suggestion) while binding, before anything runs.
 */
public enum FaultOperator {
    /** Meaning-blind: flips a bit of the stored (protobuf or JSON) value. */
    BIT_FLIP("bit-flip"),
    /** Data-type-aware: an extreme or invalid value for one field's type. */
    VALUE("value"),
    /** A value fault on fields that link objects (ownerReferences, labels, selectors, nodeName, ...). */
    DEPENDENCY("dependency"),
    /** A lost state update: the object's key disappears from etcd. */
    DELETE("delete"),
    /** A stored value the API server cannot decode (breaks the watch of the whole type). */
    UNDECODABLE("undecodable");

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
        return Operators.byName(label).parameters();
    }
}
