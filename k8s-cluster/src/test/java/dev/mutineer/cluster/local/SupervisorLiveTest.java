package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentExit;
import dev.mutineer.cluster.ComponentState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real local cluster with kubelet's default back-off: a kube-scheduler that crashes (SIGKILL of its PID from
 * outside) is started again after 10 s, and after 20 s when it crashes again; each exit is recorded.
 */
class SupervisorLiveTest {

    @Test
    void aCrashedSchedulerIsStartedAgainAfterTenThenTwentySeconds() throws Exception {
        try (LocalCluster cluster = new LocalCluster().withNodes(1).start()) {
            ComponentExit first = crashAndAwaitRestart(cluster, 1);
            assertThat(first.status()).isEqualTo("SIGKILL");
            assertThat(first.signal()).contains(9);
            assertThat(first.backOff()).isEqualTo(Duration.ofSeconds(10));
            assertThat(first.lastLogLines()).isNotEmpty().anyMatch(l -> l.contains("=== mutineer: start #1"));
            assertThat(Duration.between(first.exitedAt(), first.restartedAt()))
                    .isBetween(Duration.ofMillis(9_900), Duration.ofSeconds(13));
            assertThat(cluster.healthy(Component.SCHEDULER)).isTrue();

            ComponentExit second = crashAndAwaitRestart(cluster, 2);
            assertThat(second.backOff()).isEqualTo(Duration.ofSeconds(20));
            assertThat(Duration.between(second.exitedAt(), second.restartedAt()))
                    .isBetween(Duration.ofMillis(19_900), Duration.ofSeconds(23));
            assertThat(second.lastLogLines()).anyMatch(l -> l.contains("=== mutineer: start #2"));
            assertThat(cluster.restarts(Component.SCHEDULER)).isEqualTo(2);
            assertThat(cluster.exits()).extracting(ComponentExit::component).containsOnly(Component.SCHEDULER);
            System.out.printf("scheduler restarts: %s%n", cluster.exits().stream()
                    .map(e -> e.status() + " restarted after " + Duration.between(e.exitedAt(), e.restartedAt()).toMillis() + " ms")
                    .toList());
        }
    }

    /** SIGKILLs the scheduler's process from outside, as a crash would, and waits until it is healthy again. */
    private static ComponentExit crashAndAwaitRestart(LocalCluster cluster, int nth) throws Exception {
        long pid = cluster.pids().get(Component.SCHEDULER.binary());
        SupervisorTest.sigkill(pid);
        LiveChecks.await("the scheduler is down", () -> cluster.state(Component.SCHEDULER) == ComponentState.DOWN
                || cluster.pids().get(Component.SCHEDULER.binary()) != pid);
        LiveChecks.await("the scheduler runs again and is healthy", () -> cluster.pids().get(Component.SCHEDULER.binary()) != pid
                && cluster.state(Component.SCHEDULER) == ComponentState.RUNNING && cluster.healthy(Component.SCHEDULER));
        List<ComponentExit> exits = cluster.exits();
        assertThat(exits).hasSize(nth);
        return exits.get(nth - 1);
    }
}
