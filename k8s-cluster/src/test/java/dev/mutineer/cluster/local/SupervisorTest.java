package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentExit;
import dev.mutineer.cluster.ComponentState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.mutineer.cluster.local.LiveChecks.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supervisor of a process table, on real processes (sleep, a shell that fails) with a short back-off: what
 * exits by itself is started again and recorded, what is stopped on purpose stays down, close() ends it.
 */
class SupervisorTest {

    private static final RestartBackOff FAST = RestartBackOff.kubeletFrom(Duration.ofMillis(300));
    private static final List<String> SLEEP = List.of("sleep", "300");

    @Test
    void aProcessKilledFromOutsideIsStartedAgainAfterTheBackOffAndItsExitRecorded(@TempDir Path workDir) throws Exception {
        ProcessTable table = new ProcessTable(workDir, "s1", FAST);
        table.define(Component.SCHEDULER, SLEEP);
        table.start(Component.SCHEDULER);
        long first = table.process(Component.SCHEDULER).pid();
        try {
            sigkill(first);
            await("the scheduler is started again", () -> table.process(Component.SCHEDULER).pid() != first
                    && table.process(Component.SCHEDULER).state() == ComponentState.RUNNING);

            ComponentExit exit = table.exits().get(0);
            assertThat(table.exits()).hasSize(1);
            assertThat(exit.component()).isEqualTo(Component.SCHEDULER);
            assertThat(exit.signal()).contains(9);
            assertThat(exit.status()).isEqualTo("SIGKILL");
            assertThat(exit.backOff()).isEqualTo(Duration.ofMillis(300));
            assertThat(exit.restartedAt()).isNotNull();
            assertThat(Duration.between(exit.exitedAt(), exit.restartedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(290));
            assertThat(exit.lastLogLines()).anyMatch(l -> l.contains("=== mutineer: start #1: sleep 300"));
        } finally {
            table.close(List.of(Component.SCHEDULER), Map.of());
        }
    }

    @Test
    void aProcessThatKeepsFailingIsStartedWithDoublingDelaysAndItsOwnExitCode(@TempDir Path workDir) throws Exception {
        ProcessTable table = new ProcessTable(workDir, "s2", FAST);
        table.define(Component.KWOK, List.of("sh", "-c", "echo 'cannot bind: address in use'; exit 3"));
        table.start(Component.KWOK);
        try {
            await("three exits, the third restarted", () -> table.exits().size() >= 3 && table.exits().get(2).restartedAt() != null);
            List<ComponentExit> exits = table.exits();
            assertThat(exits).extracting(ComponentExit::backOff).startsWith(Duration.ofMillis(300), Duration.ofMillis(600),
                    Duration.ofMillis(1200));
            assertThat(exits.get(0).exitValue()).isEqualTo(3);
            assertThat(exits.get(0).signal()).isEmpty();
            assertThat(exits.get(0).status()).isEqualTo("exit code 3");
            assertThat(exits.get(0).lastLogLines()).last().isEqualTo("cannot bind: address in use");
        } finally {
            table.close(List.of(Component.KWOK), Map.of());
        }
    }

    @Test
    void aProcessKilledOrStoppedOnPurposeStaysDownUntilStartedAgain(@TempDir Path workDir) throws Exception {
        ProcessTable table = new ProcessTable(workDir, "s3", FAST);
        table.define(Component.SCHEDULER, SLEEP);
        table.define(Component.CONTROLLER_MANAGER, SLEEP);
        table.start(Component.SCHEDULER);
        table.start(Component.CONTROLLER_MANAGER);
        try {
            table.process(Component.SCHEDULER).kill();
            table.process(Component.CONTROLLER_MANAGER).stop(1_000);
            Thread.sleep(1_500); // five first delays

            assertThat(table.process(Component.SCHEDULER).state()).isEqualTo(ComponentState.DOWN);
            assertThat(table.process(Component.CONTROLLER_MANAGER).state()).isEqualTo(ComponentState.DOWN);
            assertThat(table.exits()).isEmpty();

            // The fault's own start ends the hold: a crash after it is supervised again.
            table.start(Component.SCHEDULER);
            long pid = table.process(Component.SCHEDULER).pid();
            sigkill(pid);
            await("the scheduler is started again", () -> table.process(Component.SCHEDULER).pid() != pid
                    && table.process(Component.SCHEDULER).state() == ComponentState.RUNNING);
            assertThat(table.exits()).hasSize(1);
        } finally {
            table.close(List.of(Component.SCHEDULER, Component.CONTROLLER_MANAGER), Map.of());
        }
    }

    @Test
    void nothingIsStartedAfterClose(@TempDir Path workDir) throws Exception {
        ProcessTable table = new ProcessTable(workDir, "s4", FAST);
        table.define(Component.SCHEDULER, SLEEP);
        table.start(Component.SCHEDULER);
        long pid = table.process(Component.SCHEDULER).pid();
        sigkill(pid);
        await("the exit is recorded", () -> !table.exits().isEmpty());
        table.close(List.of(Component.SCHEDULER), Map.of()); // within the 300 ms back-off

        Thread.sleep(1_000);
        assertThat(table.process(Component.SCHEDULER).pid()).isEqualTo(pid);
        assertThat(table.process(Component.SCHEDULER).state()).isEqualTo(ComponentState.DOWN);
        assertThat(table.exits()).singleElement().extracting(ComponentExit::restartedAt).isNull();
    }

    static void sigkill(long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor()).isZero();
    }
}
