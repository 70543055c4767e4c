package dev.mutineer.injector.component;

import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.Component;
import dev.mutineer.injector.inflight.InflightFaults;
import dev.mutineer.injector.inject.InjectionRecord;
import dev.mutineer.injector.inject.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Faults of whole control-plane processes, as campaign operators: the study's faults were in
 * stored state, but a real cluster also loses components, and the same observation and
 * classification apply. Each fault ends by itself after {@code duration} (resume or restart), or
 * at the next steady-state restore, which brings every component back.
 *
 * <ul>
 *   <li>{@code pause-component}: SIGSTOP (connections stay open, nothing answers), SIGCONT after duration;</li>
 *   <li>{@code kill-component}: SIGKILL, started again after duration when one is given;</li>
 *   <li>{@code restart-component}: SIGKILL and an immediate start, as a crash-looping or upgraded component would.</li>
 * </ul>
 */
public final class ComponentFaults {

    /** The target kind of a component fault: the target's name is the component's binary name. */
    public static final String TARGET_KIND = "Component";

    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            "pause-component", Set.of("component", "duration"),
            "kill-component", Set.of("component", "duration"),
            "restart-component", Set.of("component"));

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mutineer-component-faults");
        t.setDaemon(true);
        return t;
    });

    private ComponentFaults() {
    }

    public static List<String> names() {
        return List.of("pause-component", "kill-component", "restart-component");
    }

    public static boolean isComponentFault(String operator) {
        return PARAMETERS.containsKey(operator);
    }

    public static Set<String> parameters(String operator) {
        Set<String> p = PARAMETERS.get(operator);
        if (p == null) {
            throw new IllegalArgumentException("unknown component operator '" + operator + "'; expected one of " + names());
        }
        return p;
    }

    /** Throws naming the parameter or value that is wrong. */
    public static void checkParameters(String operator, Map<String, String> parameters) {
        Set<String> known = parameters(operator);
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw new IllegalArgumentException("operator " + operator + " has no parameter '" + e.getKey() + "'; it takes " + known);
            }
        }
        if (parameters.containsKey("component")) {
            Component.parse(parameters.get("component"));
        }
        if (parameters.containsKey("duration")) {
            duration(operator, parameters.get("duration"));
        }
    }

    /** Applies the fault to the component the spec's target names; the record says what was done. */
    public static InjectionRecord apply(Cluster cluster, String id, String operator, String componentName, Map<String, String> parameters) {
        checkParameters(operator, parameters);
        Component component = Component.parse(componentName);
        if (!cluster.components().contains(component)) {
            return record(id, component, Outcome.NOT_ACTIVATED, "the " + cluster.backend() + " backend does not control " + component.binary(), "");
        }
        Duration after = parameters.containsKey("duration") ? duration(operator, parameters.get("duration")) : null;
        String before = cluster.state(component).name();
        String description;
        switch (operator) {
            case "pause-component" -> {
                cluster.pause(component);
                if (after != null) {
                    TIMER.schedule(() -> resumeQuietly(cluster, component), after.toMillis(), TimeUnit.MILLISECONDS);
                }
                description = "SIGSTOP " + component.binary() + (after == null ? " until the next restore" : ", SIGCONT after " + after);
            }
            case "kill-component" -> {
                cluster.kill(component);
                if (after != null) {
                    TIMER.schedule(() -> restartQuietly(cluster, component), after.toMillis(), TimeUnit.MILLISECONDS);
                }
                description = "SIGKILL " + component.binary() + (after == null ? ", not restarted until the next restore" : ", started again after " + after);
            }
            case "restart-component" -> {
                cluster.kill(component);
                cluster.restart(component);
                description = "SIGKILL " + component.binary() + " and start it again at once";
            }
            default -> throw new IllegalArgumentException("unknown component operator '" + operator + "'");
        }
        return new InjectionRecord(id, "component/" + component.binary(), Outcome.INJECTED, "", 0, 0, "state", before,
                cluster.state(component).name(), List.of(), true, "", true, null, 1, Instant.now(), description);
    }

    private static InjectionRecord record(String id, Component component, Outcome outcome, String reason, String description) {
        return new InjectionRecord(id, "component/" + component.binary(), outcome, reason, 0, 0, "", "", "", List.of(),
                true, "", true, null, 1, Instant.now(), description);
    }

    private static void resumeQuietly(Cluster cluster, Component c) {
        try {
            cluster.resume(c);
        } catch (RuntimeException ignored) {
            // A restore (or the cluster's close) got there first.
        }
    }

    private static void restartQuietly(Cluster cluster, Component c) {
        try {
            cluster.restart(c);
        } catch (RuntimeException ignored) {
            // A restore (or the cluster's close) got there first.
        }
    }

    private static Duration duration(String operator, String text) {
        return InflightFaults.duration(operator, "duration", text);
    }
}
