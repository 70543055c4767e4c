package dev.mutineer.injector.spec;

import dev.mutineer.injector.component.ComponentFaults;
import dev.mutineer.injector.inflight.InflightFaults;
import dev.mutineer.injector.operator.Operators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every fault operator a campaign can name, by family: at rest (a stored value changed through
 * etcd), in flight (a rule on the API server -> etcd channel), or a component process fault.
 * One place, so that specs, campaign validation and the runner agree on the names.
 */
public final class FaultCatalog {

    public enum Family { AT_REST, IN_FLIGHT, COMPONENT }

    private FaultCatalog() {
    }

    public static Family family(String operator) {
        if (InflightFaults.isInflight(operator)) {
            return Family.IN_FLIGHT;
        }
        if (ComponentFaults.isComponentFault(operator)) {
            return Family.COMPONENT;
        }
        Operators.byName(operator); // throws, naming every known operator, when it is none of them
        return Family.AT_REST;
    }

    public static List<String> names() {
        List<String> all = new ArrayList<>(Operators.names());
        all.addAll(InflightFaults.names());
        all.addAll(ComponentFaults.names());
        return all;
    }

    public static Set<String> parameters(String operator) {
        return switch (family(operator)) {
            case AT_REST -> Operators.byName(operator).parameters();
            case IN_FLIGHT -> InflightFaults.parameters(operator);
            case COMPONENT -> ComponentFaults.parameters(operator);
        };
    }

    /**
     * Whether the operator draws anything from the spec's seed. When it does not, the planner gives
     * seed 0, so that injections doing exactly the same thing share one ID and run once.
     */
    public static boolean usesSeed(String operator, Map<String, String> parameters) {
        return switch (family(operator)) {
            case AT_REST -> !Operators.byName(operator).parameters().isEmpty();
            case IN_FLIGHT -> operator.equals("mutate-write") || parameters.containsKey("probability");
            case COMPONENT -> false;
        };
    }

    /** Throws naming the first parameter (or value, where it can be checked alone) that is wrong. */
    public static void checkParameters(String operator, Map<String, String> parameters) {
        switch (family(operator)) {
            case AT_REST -> Operators.checkParameters(operator, parameters);
            case IN_FLIGHT -> InflightFaults.rule("check", operator, parameters, 0);
            case COMPONENT -> ComponentFaults.checkParameters(operator, parameters);
        }
    }
}
