package dev.mutineer.injector.operator;

import dev.mutineer.injector.fault.AtRestFault;
import dev.mutineer.injector.fault.Parameter;

import java.util.List;


/** The key disappears: a lost object, as if the write that created it never happened. */
public final class DeleteOperator extends AtRestFault {

    public static final String NAME = "delete";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String doc() {
        return "A lost state update: the object's key disappears from etcd.";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    protected boolean deletes() {
        return true;
    }

    @Override
    public Mutation apply(OperatorInput in) {
        return Mutation.delete("delete the key (" + in.original().length + " bytes)");
    }
}
