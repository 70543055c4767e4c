package dev.mutineer.injector.fault;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentControl;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.injector.inject.Activation;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** A component fault on a real node's daemon acts on the node its spec names, and says which in its record. */
class NodeComponentFaultTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Control cluster = new Control("cluster", Component.controlPlane(), calls, Map.of(
            "real-node-0", new Control("real node real-node-0", Component.nodeComponents(), calls, Map.of()),
            "real-node-1", new Control("real node real-node-1", List.of(Component.CONTAINERD, Component.KUBELET), calls, Map.of())));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void theNamedNodesDaemonIsStruckAndComesBackThere() {
        ActiveFault pause = inject("pause-component", "kubelet", "real-node-1", Map.of());
        assertThat(pause.activated()).isTrue();
        assertThat(pause.record().key()).isEqualTo("component/real-node-1/kubelet");
        assertThat(pause.record().description()).isEqualTo("SIGSTOP kubelet on real-node-1 until the fault ends");
        pause.end();
        assertThat(calls).containsExactly("real node real-node-1: pause kubelet", "real node real-node-1: resume kubelet");
    }

    @Test
    void killHoldsTheDaemonDownAndRestartStartsItAtOnce() {
        inject("kill-component", "containerd", "real-node-0", Map.of()).end();
        inject("restart-component", "kube-proxy", "real-node-0", Map.of());
        assertThat(calls).containsExactly("real node real-node-0: kill containerd", "real node real-node-0: restart containerd",
                "real node real-node-0: kill kube-proxy", "real node real-node-0: restart kube-proxy");
    }

    @Test
    void aNodeTheClusterDoesNotHaveOrADaemonItDoesNotRunIsNotActivated() {
        ActiveFault missing = inject("kill-component", "kubelet", "real-node-7", Map.of());
        assertThat(missing.record().activation()).isEqualTo(Activation.NOT_ACTIVATED);
        assertThat(missing.record().reason()).contains("real-node-7");
        ActiveFault noProxy = inject("kill-component", "kube-proxy", "real-node-1", Map.of());
        assertThat(noProxy.record().activation()).isEqualTo(Activation.NOT_ACTIVATED);
        assertThat(noProxy.record().reason()).contains("real node real-node-1").contains("kube-proxy");
        assertThat(calls).isEmpty();
    }

    @Test
    void nodeGoesWithANodeComponentAndNamesARealNode() {
        Fault kill = Faults.byName("kill-component");
        assertThat(kill.problems(Map.of("component", "kubelet", "node", "real-node-1"))).isEmpty();
        assertThat(kill.problems(Map.of("component", "kube-scheduler", "node", "real-node-0")))
                .extracting(ParameterProblem::message).singleElement().asString()
                .contains("kube-scheduler runs on the control plane");
        assertThat(kill.problems(Map.of("component", "kubelet", "node", "worker-1")))
                .extracting(ParameterProblem::message).singleElement().asString()
                .contains("'worker-1' is not a real node's name");
        assertThat(kill.problems(Map.of("component", "proxy"))).as("short name of kube-proxy").isEmpty();
    }

    private ActiveFault inject(String operator, String component, String node, Map<String, String> extra) {
        Map<String, String> p = new TreeMap<>(extra);
        p.put("component", component);
        p.put("node", node);
        InjectionSpec spec = InjectionSpec.of(Target.named(ComponentFault.TARGET_KIND, "", component), operator, p, 0);
        FaultContext context = new FaultContext(null, null, "/registry", Optional.empty(), cluster,
                new InjectionTimers(scheduler), Map.of());
        return Faults.byName(operator).inject(context, spec);
    }

    /** A cluster or one node of it: writes down what it was asked to do, prefixed by its backend's name. */
    private record Control(String backend, List<Component> components, List<String> calls, Map<String, Control> nodes)
            implements ComponentControl {

        public ComponentState state(Component c) {
            return ComponentState.RUNNING;
        }

        public void pause(Component c) {
            calls.add(backend + ": pause " + c.binary());
        }

        public void resume(Component c) {
            calls.add(backend + ": resume " + c.binary());
        }

        public void stop(Component c) {
            throw new UnsupportedOperationException("no component fault stops gracefully");
        }

        public void kill(Component c) {
            calls.add(backend + ": kill " + c.binary());
        }

        public void restart(Component c) {
            calls.add(backend + ": restart " + c.binary());
        }

        @Override
        public ComponentControl node(String name) {
            Control n = nodes.get(name);
            if (n == null) {
                throw new IllegalArgumentException("no real node '" + name + "'");
            }
            return n;
        }
    }
}
