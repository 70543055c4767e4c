package dev.mutineer.classifier.observe;

import dev.mutineer.classifier.observation.BackendError;
import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** A backend that cannot tell a component's state leaves it out and says why, instead of staying silent. */
class ComponentStatesTest {

    /** A backend whose only working calls are components() and state(). */
    private static Cluster backend(List<Component> components, Function<Component, ComponentState> state) {
        return (Cluster) Proxy.newProxyInstance(Cluster.class.getClassLoader(), new Class<?>[] {Cluster.class}, (p, m, args) -> switch (m.getName()) {
            case "components" -> components;
            case "state" -> state.apply((Component) args[0]);
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    @Test
    void aStateTheBackendFailsToTellIsRecordedAsABackendError() {
        List<BackendError> errors = new ArrayList<>();
        var states = ClusterSampler.componentStates(backend(List.of(Component.ETCD, Component.SCHEDULER), c -> {
            if (c == Component.SCHEDULER) {
                throw new IllegalStateException("cannot read /proc/4242/stat");
            }
            return ComponentState.RUNNING;
        }), errors);
        assertThat(states).containsOnlyKeys(Component.ETCD);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).component()).isEqualTo(Component.SCHEDULER);
        assertThat(errors.get(0).message()).contains("cannot read /proc/4242/stat");
    }

    @Test
    void aBackendThatCannotListItsComponentsIsRecordedToo() {
        List<BackendError> errors = new ArrayList<>();
        Cluster failing = (Cluster) Proxy.newProxyInstance(Cluster.class.getClassLoader(), new Class<?>[] {Cluster.class}, (p, m, a) -> {
            throw new IllegalStateException("docker daemon gone");
        });
        assertThat(ClusterSampler.componentStates(failing, errors)).isEmpty();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.component()).isNull();
            assertThat(e.message()).contains("docker daemon gone");
        });
    }
}
