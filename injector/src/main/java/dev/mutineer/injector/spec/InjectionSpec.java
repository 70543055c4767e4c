package dev.mutineer.injector.spec;


import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything that decides one injection: target, operator and its parameters, and
 * the seed every random choice of the operator is drawn from. Two equal specs give the same
 * mutation of the same stored value, and the same {@link #id()}.
 */
public record InjectionSpec(Target target, String operator, SortedMap<String, String> parameters, long seed) {

    public InjectionSpec {
        Objects.requireNonNull(target, "target");
        parameters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        dev.mutineer.injector.fault.Faults.check(operator, parameters);
    }

    public static InjectionSpec of(Target target, String operator, Map<String, String> parameters, long seed) {
        return new InjectionSpec(target, operator, new TreeMap<>(parameters), seed);
    }

    /**
     * One line that names every part of the spec in a fixed order, with each string
     * length-prefixed so that no two different specs can serialize alike.
     */
    public String canonical() {
        StringBuilder sb = new StringBuilder("mutineer-injection/1");
        field(sb, "kind", target.kind());
        field(sb, "namespace", target.namespace());
        field(sb, "name", target.name());
        field(sb, "selector", target.selector());
        field(sb, "operator", operator);
        parameters.forEach((k, v) -> field(sb, "param:" + k, v));
        // Specs once had a trigger delay, always zero: its field stays so that every ID stays as it was.
        field(sb, "delay", "PT0S");
        field(sb, "seed", Long.toString(seed));
        return sb.toString();
    }

    public String id() {
        return InjectionId.of(this);
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append(';').append(name).append('=').append(value.length()).append(':').append(value);
    }
}
