package dev.mutineer.injector.fault;

import dev.mutineer.cluster.ComponentControl;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** A component fault's timers belong to its injection: once the injection ends they never act. */
class ComponentFaultTimersTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Processes processes = new Processes();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aKillWhoseInjectionEndedIsNotRestartedInTheMiddleOfTheNextOne() throws Exception {
        InjectionTimers timers = new InjectionTimers(scheduler);
        ActiveFault kill = kill("300ms", timers);
        assertThat(processes.calls).containsExactly("kill kube-scheduler");

        kill.end(); // the window ended before the duration: the component comes back now, once
        timers.cancelAll();
        Thread.sleep(600);

        assertThat(processes.calls).containsExactly("kill kube-scheduler", "restart kube-scheduler");
    }

    @Test
    void theInjectionsResetCancelsTheTimerEvenWithoutEnd() throws Exception {
        InjectionTimers timers = new InjectionTimers(scheduler);
        kill("300ms", timers);
        timers.cancelAll();
        Thread.sleep(600);
        assertThat(processes.calls).containsExactly("kill kube-scheduler");
    }

    @Test
    void aTimerLeftAloneEndsTheFaultAfterItsDuration() throws Exception {
        ActiveFault kill = kill("100ms", new InjectionTimers(scheduler));
        Thread.sleep(500);
        assertThat(processes.calls).containsExactly("kill kube-scheduler", "restart kube-scheduler");
        kill.end(); // already recovered: nothing more
        assertThat(processes.calls).hasSize(2);
    }

    private ActiveFault kill(String duration, InjectionTimers timers) {
        InjectionSpec spec = InjectionSpec.of(Target.named(ComponentFault.TARGET_KIND, "", "kube-scheduler"), "kill-component",
                Map.of("component", "kube-scheduler", "duration", duration), 0);
        FaultContext context = new FaultContext(null, null, "/registry", Optional.empty(), processes, timers, Map.of());
        ActiveFault active = Faults.byName("kill-component").inject(context, spec);
        assertThat(active.activated()).isTrue();
        return active;
    }

    /** Stands in for the cluster's process control and writes down what it was asked to do. */
    private static final class Processes implements ComponentControl {
        final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

        public String backend() {
            return "fake";
        }

        public List<Component> components() {
            return Component.controlPlane();
        }

        public ComponentState state(Component c) {
            return ComponentState.RUNNING;
        }

        public void pause(Component c) {
            calls.add("pause " + c.binary());
        }

        public void resume(Component c) {
            calls.add("resume " + c.binary());
        }

        public void stop(Component c) {
            throw new UnsupportedOperationException("no component fault stops gracefully");
        }

        public void kill(Component c) {
            calls.add("kill " + c.binary());
        }

        public void restart(Component c) {
            calls.add("restart " + c.binary());
        }
    }
}
