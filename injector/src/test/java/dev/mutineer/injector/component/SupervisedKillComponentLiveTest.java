package dev.mutineer.injector.component;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.local.LiveChecks;
import dev.mutineer.cluster.local.LocalCluster;
import dev.mutineer.cluster.local.RestartBackOff;
import dev.mutineer.injector.fault.ActiveFault;
import dev.mutineer.cluster.ComponentControl;
import dev.mutineer.injector.fault.ComponentFault;
import dev.mutineer.injector.fault.FaultContext;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.injector.fault.InjectionTimers;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kill-component fault on a supervised local cluster: the supervisor leaves the killed component down for the
 * fault's whole duration (the fault's own start brings it back), and supervises it again afterwards. The back-off
 * starts at 1 s here (kubelet's doubling and reset; its default first delay is 10 s) so that the fault outlasts
 * several of them.
 */
class SupervisedKillComponentLiveTest {

    @Test
    void aKilledComponentStaysDownWhileTheFaultIsActiveAndIsSupervisedAfterIt() throws Exception {
        try (LocalCluster cluster = new LocalCluster().withNodes(1)
                .withRestartBackOff(RestartBackOff.kubeletFrom(Duration.ofSeconds(1))).start();
             InjectionTimers timers = InjectionTimers.create()) {
            FaultContext context = new FaultContext(null, null, "/registry", Optional.empty(), cluster,
                    timers, Map.of());
            InjectionSpec spec = InjectionSpec.of(Target.named(ComponentFault.TARGET_KIND, "", "kube-scheduler"),
                    "kill-component", Map.of("component", "kube-scheduler"), 0);

            ActiveFault kill = Faults.byName("kill-component").inject(context, spec);
            assertThat(kill.activated()).isTrue();
            Thread.sleep(4_000); // a crash would be running again after 1 s: four first back-offs
            assertThat(cluster.state(Component.SCHEDULER)).isEqualTo(ComponentState.DOWN);
            assertThat(cluster.exits()).isEmpty();

            kill.end();
            assertThat(cluster.state(Component.SCHEDULER)).isEqualTo(ComponentState.RUNNING);

            // After the fault, a crash is the scheduler's own again: recorded, and started after 1 s.
            long pid = cluster.pids().get(Component.SCHEDULER.binary());
            assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor()).isZero();
            LiveChecks.await("the crashed scheduler is started again", () -> cluster.restarts(Component.SCHEDULER) == 1
                    && cluster.state(Component.SCHEDULER) == ComponentState.RUNNING);
            assertThat(cluster.exits()).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo("SIGKILL"));
        }
    }
}
