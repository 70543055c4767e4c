package dev.mutineer.injector.spec;

import dev.mutineer.injector.operator.Operators;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entry of a campaign's operator mix: the operator, its fixed parameters (the rest are
 * drawn per injection from the injection's seed), and how often to pick it relative to the others.
 */
public record OperatorChoice(String operator, SortedMap<String, String> parameters, int weight) {

    public OperatorChoice {
        parameters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        Operators.checkParameters(operator, parameters);
        if (weight < 1) {
            throw new IllegalArgumentException("operator " + operator + ": weight must be at least 1, got " + weight);
        }
    }

    public static OperatorChoice of(String operator, Map<String, String> parameters, int weight) {
        return new OperatorChoice(operator, new TreeMap<>(parameters), weight);
    }
}
