package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Map;

/**
 * The fault operators a campaign can ask for, with the parameters each accepts. The injector
 * module implements them; this enum is the vocabulary of campaign files.
 */
public enum FaultOperator {
    /** Meaning-blind: flips bits of the stored (protobuf or JSON) value. */
    BIT_FLIP("bit-flip", Map.of("bits", "how many distinct bits to flip in one value (1-64, default 1)")),
    /** Data-type-aware: replaces a field's value with an extreme or invalid one of its type. */
    VALUE("value", Map.of("strategies", "value strategies to draw from: " + String.join(", ", ValueStrategy.NAMES))),
    /** Like value, restricted to fields that link objects (ownerReferences, labels, selectors, nodeName, ...). */
    DEPENDENCY("dependency", Map.of("strategies", "value strategies to draw from: " + String.join(", ", ValueStrategy.NAMES))),
    /** A lost state update: the object's key disappears from etcd. */
    DELETE("delete", Map.of()),
    /** A stored value the API server cannot decode (breaks the watch of the whole type). */
    UNDECODABLE("undecodable", Map.of());

    private final String label;
    private final Map<String, String> parameters;

    FaultOperator(String label, Map<String, String> parameters) {
        this.label = label;
        this.parameters = parameters;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** Parameter name to a one-line description, for validation and help texts. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** The strategies the value and dependency operators understand. */
    public static final class ValueStrategy {
        public static final java.util.List<String> NAMES = java.util.List.of("extreme", "invalid", "empty", "zero", "swap");

        private ValueStrategy() {
        }
    }
}
