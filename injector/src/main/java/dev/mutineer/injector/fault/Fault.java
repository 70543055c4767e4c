package dev.mutineer.injector.fault;

import dev.mutineer.injector.inject.FaultEvidence;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One fault a campaign can name, whatever its family. Every fault is one class registered in {@link Faults}; the
 * campaign file, validate, plan, run and reproduce read names and parameters from there, and the runner only
 * calls {@link #inject} and asks the handle what happened.
 */
public interface Fault {

    /** The campaign spelling: "bit-flip", "drop-write", "kill-component". */
    String name();

    /** Where it acts (information only). */
    Family family();

    /** One line a person reads in the docs and in {@code validate}. */
    String doc();

    List<Parameter> parameters();

    /**
     * Whether an injection of it draws anything from the spec's seed. When it does not, the planner gives seed 0,
     * so that injections doing exactly the same thing share one ID and run once.
     */
    boolean usesSeed(Map<String, String> parameters);

    /** Applies the fault as the spec says; the handle ends it and tells what it did. */
    ActiveFault inject(FaultContext context, InjectionSpec spec);

    /**
     * The object or process an injection actually struck, from its spec and record (a selector target resolves to
     * one object only when injecting); by default the spec's own target (a component, the object a rule aims at).
     */
    default Target struck(InjectionSpec spec, FaultEvidence record) {
        return spec.target();
    }

    /** Every problem of these parameters (unknown names, values out of range, missing or conflicting ones). */
    default List<ParameterProblem> problems(Map<String, String> parameters) {
        List<ParameterProblem> out = new ArrayList<>(ParameterProblem.namesAndValues(name(), parameters(), parameters));
        out.addAll(combinationProblems(parameters));
        return out;
    }

    /** Problems of parameters taken together (required ones, exclusive pairs); none by default. */
    default List<ParameterProblem> combinationProblems(Map<String, String> parameters) {
        return List.of();
    }

    default Parameter parameter(String name) {
        return parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** @throws IllegalArgumentException naming every problem of the parameters */
    default void check(Map<String, String> parameters) {
        List<ParameterProblem> problems = problems(parameters);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems.stream().map(ParameterProblem::message).toList()));
        }
    }
}
