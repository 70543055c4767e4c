package dev.mutineer.injector.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What is wrong with a fault's parameters; {@code parameter} is empty when it concerns them together. */
public record ParameterProblem(String parameter, String message) {

    /** Names the fault does not declare, and values their parameter's type refuses. */
    public static List<ParameterProblem> namesAndValues(String fault, List<Parameter> declared, Map<String, String> given) {
        List<ParameterProblem> out = new ArrayList<>();
        List<String> known = declared.stream().map(Parameter::name).toList();
        given.forEach((name, value) -> {
            Parameter p = declared.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
            if (p == null) {
                out.add(new ParameterProblem(name, "operator " + fault + " has no parameter '" + name + "'; it takes "
                        + (known.isEmpty() ? "none" : known)));
                return;
            }
            String problem = value == null ? "needs a value" : p.type().problem(value);
            if (problem != null) {
                out.add(new ParameterProblem(name, fault + ": " + name + ": " + problem));
            }
        });
        return out;
    }

    public static ParameterProblem together(String message) {
        return new ParameterProblem("", message);
    }
}
