package dev.mutineer.injector.fault;

import dev.mutineer.injector.component.KillComponent;
import dev.mutineer.injector.component.PauseComponent;
import dev.mutineer.injector.component.RestartComponent;
import dev.mutineer.injector.inflight.DelayWatch;
import dev.mutineer.injector.inflight.DropWatchEvents;
import dev.mutineer.injector.inflight.DropWrite;
import dev.mutineer.injector.inflight.DuplicateWatchEvents;
import dev.mutineer.injector.inflight.FailWrite;
import dev.mutineer.injector.inflight.HoldWatch;
import dev.mutineer.injector.inflight.Latency;
import dev.mutineer.injector.inflight.MutateWrite;
import dev.mutineer.injector.inflight.ReorderWatchEvents;
import dev.mutineer.injector.operator.BitFlipOperator;
import dev.mutineer.injector.operator.DeleteOperator;
import dev.mutineer.injector.operator.DependencyOperator;
import dev.mutineer.injector.operator.UndecodableOperator;
import dev.mutineer.injector.operator.ValueOperator;
import dev.mutineer.injector.operator.ZeroValueOperator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every fault a campaign can name, in one list (as etcd's robustness tests keep {@code allFailpoints}): adding a
 * fault is one class and one entry here, plus its doc line and an example campaign that FaultsDocumentedTest asks for.
 */
public final class Faults {

    private static final List<Fault> ALL = List.of(
            // at rest: a stored value changed through etcd
            new BitFlipOperator(),
            new ValueOperator(),
            new DependencyOperator(),
            new DeleteOperator(),
            new UndecodableOperator(),
            new ZeroValueOperator(),
            // in flight: a rule of the interposer between the API server and etcd
            new DropWrite(),
            new FailWrite(),
            new MutateWrite(),
            new Latency(),
            new DelayWatch(),
            new HoldWatch(),
            new DropWatchEvents(),
            new DuplicateWatchEvents(),
            new ReorderWatchEvents(),
            // component: a control-plane process
            new PauseComponent(),
            new KillComponent(),
            new RestartComponent());

    private Faults() {
    }

    public static List<Fault> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(Fault::name).toList();
    }

    public static Optional<Fault> find(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** @throws IllegalArgumentException naming every known fault */
    public static Fault byName(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown operator '" + name + "'; expected one of " + names()));
    }

    public static List<AtRestFault> atRest() {
        return ALL.stream().filter(f -> f instanceof AtRestFault).map(f -> (AtRestFault) f).toList();
    }

    public static Optional<AtRestFault> findAtRest(String name) {
        return atRest().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The at-rest fault by name, as the mutation it makes (the in-flight mutate-write uses it too). */
    public static AtRestFault operator(String name) {
        return findAtRest(name).orElseThrow(() -> new IllegalArgumentException("unknown operator '" + name
                + "'; expected one of " + atRest().stream().map(Fault::name).toList()));
    }

    /** @throws IllegalArgumentException naming the fault when unknown, else every problem of its parameters */
    public static void check(String name, Map<String, String> parameters) {
        byName(name).check(parameters);
    }
}
