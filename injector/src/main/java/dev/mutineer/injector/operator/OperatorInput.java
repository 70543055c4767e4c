package dev.mutineer.injector.operator;

import dev.mutineer.injector.codec.DecodeResult;
import dev.mutineer.injector.codec.StoredObject;

import java.util.Map;
import java.util.Random;

/**
 * Everything an operator may look at.
 *
 * @param original   the stored bytes
 * @param decoded    those bytes decoded (or why they do not decode)
 * @param parameters the operator's parameters from the injection spec
 * @param random     seeded from the spec: the only source of choices
 */
public record OperatorInput(byte[] original, DecodeResult decoded, Map<String, String> parameters,
                            Random random, Neighbours neighbours) {

    public OperatorInput {
        parameters = Map.copyOf(parameters);
    }

    /** The decoded object; operators that need meaning call this. */
    public StoredObject object() {
        if (decoded instanceof StoredObject o) {
            return o;
        }
        throw new NotApplicableException("the stored value does not decode: " + decoded);
    }

    public String param(String name, String fallback) {
        return parameters.getOrDefault(name, fallback);
    }

    public Integer intParam(String name) {
        String v = parameters.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + "=" + v + " is not a whole number");
        }
    }
}
