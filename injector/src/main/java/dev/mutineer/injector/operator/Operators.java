package dev.mutineer.injector.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The operators by the names campaign files use. */
public final class Operators {

    private static final Map<String, FaultOperator> BY_NAME = new LinkedHashMap<>();

    static {
        for (FaultOperator op : List.of(new BitFlipOperator(), new ValueOperator(), new DependencyOperator(),
                new DeleteOperator(), new UndecodableOperator())) {
            BY_NAME.put(op.name(), op);
        }
    }

    private Operators() {
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    public static FaultOperator byName(String name) {
        FaultOperator op = BY_NAME.get(name);
        if (op == null) {
            throw new IllegalArgumentException("unknown operator '" + name + "'; expected one of " + names());
        }
        return op;
    }

    /** Throws naming the first parameter the operator does not know. */
    public static void checkParameters(String operator, Map<String, String> parameters) {
        FaultOperator op = byName(operator);
        for (String p : parameters.keySet()) {
            if (!op.parameters().contains(p)) {
                throw new IllegalArgumentException("operator " + operator + " has no parameter '" + p + "'; it takes " + op.parameters());
            }
        }
    }
}
