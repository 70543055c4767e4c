package dev.mutineer.injector.operator;

import java.util.Set;

/** The key disappears: a lost object, as if the write that created it never happened. */
public final class DeleteOperator implements FaultOperator {

    public static final String NAME = "delete";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public Mutation apply(OperatorInput in) {
        return Mutation.delete("delete the key (" + in.original().length + " bytes)");
    }
}
