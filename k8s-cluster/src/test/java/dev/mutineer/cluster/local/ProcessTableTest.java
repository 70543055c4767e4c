package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Component;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The process table against close(), which a shutdown hook may run at any moment: after close nothing is
 * defined or started, and no process started before or during it survives it. Real (sleeping) processes.
 */
class ProcessTableTest {

    private static final List<String> SLEEP = List.of("sleep", "300");

    @Test
    void afterCloseNothingIsDefinedOrStarted(@TempDir Path workDir) {
        ProcessTable table = new ProcessTable(workDir, "t1");
        table.define(Component.ETCD, SLEEP);
        table.start(Component.ETCD);
        long pid = table.pids().get("etcd");
        table.define(Component.APISERVER, SLEEP);

        table.close(List.of(Component.APISERVER, Component.ETCD), Map.of());

        ProcessCleanupTest.assertAllGone(List.of(pid), Duration.ofSeconds(5));
        assertThatThrownBy(() -> table.start(Component.APISERVER)).hasMessageContaining("is closed; not starting kube-apiserver");
        assertThatThrownBy(() -> table.define(Component.SCHEDULER, SLEEP)).hasMessageContaining("is closed");
        assertThat(table.pids()).doesNotContainKey("kube-apiserver");
    }

    @Test
    void aStartedComponentKeepsTheCommandLineItRanWith(@TempDir Path workDir) {
        ProcessTable table = new ProcessTable(workDir, "t2");
        table.define(Component.APISERVER, SLEEP);
        table.define(Component.APISERVER, List.of("sleep", "301")); // not started yet: an interposer may still change it
        table.start(Component.APISERVER);
        try {
            assertThatThrownBy(() -> table.define(Component.APISERVER, SLEEP)).hasMessageContaining("already ran");
        } finally {
            table.close(List.of(Component.APISERVER), Map.of());
        }
    }

    @Test
    void startsRacingCloseLeaveNoProcessBehind(@TempDir Path workDir) throws Exception {
        for (int round = 0; round < 5; round++) {
            ProcessTable table = new ProcessTable(workDir.resolve("r" + round), "t3-" + round);
            List<Component> all = Component.controlPlane();
            all.forEach(c -> table.define(c, SLEEP));
            ExecutorService pool = Executors.newFixedThreadPool(all.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> started = new ArrayList<>();
            for (Component c : all) {
                started.add(pool.submit(() -> {
                    go.await();
                    try {
                        table.start(c);
                        return table.process(c).pid();
                    } catch (IllegalStateException refused) {
                        return -1L;
                    }
                }));
            }
            go.countDown();
            table.close(all, Map.of());
            List<Long> pids = new ArrayList<>();
            for (Future<Long> f : started) {
                pids.add(f.get(10, TimeUnit.SECONDS));
            }
            pool.shutdown();
            ProcessCleanupTest.assertAllGone(pids.stream().filter(p -> p > 0).toList(), Duration.ofSeconds(5));
        }
    }
}
