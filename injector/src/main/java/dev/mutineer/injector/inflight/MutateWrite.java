package dev.mutineer.injector.inflight;

import dev.mutineer.injector.fault.AtRestFault;
import dev.mutineer.injector.fault.Fault;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.injector.fault.InflightFault;
import dev.mutineer.injector.fault.Parameter;
import dev.mutineer.injector.fault.ParameterProblem;
import dev.mutineer.injector.fault.ParameterType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The value being written, mutated by an at-rest operator (named by {@code with}, with its parameters). */
public final class MutateWrite extends InflightFault {

    public MutateWrite() {
        super("mutate-write", "The value being written, mutated by an at-rest operator (with) and that operator's parameters.", Channel.WRITES);
    }

    private static Parameter with() {
        return Parameter.fixed("with", "the at-rest operator that mutates the value (required)",
                ParameterType.oneOf(Faults.atRest().stream().map(Fault::name).toArray(String[]::new)));
    }

    /** Besides its own: every at-rest operator's parameters (those of the one "with" names apply). */
    @Override
    protected List<Parameter> own() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        out.put("with", with());
        for (AtRestFault f : Faults.atRest()) {
            f.parameters().forEach(p -> out.putIfAbsent(p.name(), p));
        }
        return List.copyOf(out.values());
    }

    @Override
    public boolean usesSeed(Map<String, String> parameters) {
        return true;
    }

    @Override
    public List<ParameterProblem> problems(Map<String, String> parameters) {
        Optional<AtRestFault> inner = Optional.ofNullable(parameters.get("with")).flatMap(Faults::findAtRest);
        Map<String, String> outer = new LinkedHashMap<>(parameters);
        Map<String, String> forInner = new LinkedHashMap<>();
        inner.ifPresent(f -> f.parameters().forEach(p -> {
            if (outer.containsKey(p.name())) {
                forInner.put(p.name(), outer.remove(p.name()));
            }
        }));
        List<Parameter> declared = new ArrayList<>(COMMON);
        declared.add(with());
        List<ParameterProblem> out = new ArrayList<>(ParameterProblem.namesAndValues(name(), declared, outer));
        out.addAll(combinationProblems(parameters));
        inner.ifPresent(f -> out.addAll(f.problems(forInner)));
        if (!parameters.containsKey("with")) {
            out.add(new ParameterProblem("with", "mutate-write needs the parameter 'with'"));
        }
        return out;
    }

    @Override
    protected Action action(Map<String, String> parameters, long seed) {
        AtRestFault inner = Faults.findAtRest(parameters.get("with")).orElseThrow();
        Map<String, String> forInner = new LinkedHashMap<>();
        inner.parameters().forEach(p -> {
            if (parameters.containsKey(p.name())) {
                forInner.put(p.name(), parameters.get(p.name()));
            }
        });
        return new Action.MutateValue(inner.name(), forInner, seed);
    }
}
