package dev.mutineer.cluster.local;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** No cluster process may outlive close(), nor the JVM that started the cluster. */
class ProcessCleanupTest {

    @Test
    void closeLeavesNoProcessAndNoWorkDirectory() {
        int portsHeld = Ports.handedOut();
        LocalCluster cluster = new LocalCluster().withNodes(1).start();
        assertThat(Ports.handedOut()).isEqualTo(portsHeld + 6);
        Map<String, Long> pids = cluster.pids();
        Path workDir = cluster.workDir();
        assertThat(pids).containsKeys("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok", "watchdog");
        assertThat(pids.values()).allSatisfy(pid -> assertThat(alive(pid)).as("pid %d alive while up", pid).isTrue());

        cluster.close();

        assertAllGone(pids.values(), Duration.ofSeconds(10));
        assertThat(workDir).doesNotExist();
        assertThat(Ports.handedOut()).as("the closed cluster handed its ports back").isEqualTo(portsHeld);
        // a reset still restarting components after close() (Ctrl-C's shutdown hook) starts nothing
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cluster.restart(dev.mutineer.cluster.Component.ETCD))
                .hasMessageContaining("is closed; not starting etcd");
        assertThat(workDir).doesNotExist();
    }

    @Test
    void killingTheJvmThatStartedAClusterLeavesNoProcess() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path")));
        for (String prop : List.of("mutineer.repo", "mutineer.binDir")) {
            if (System.getProperty(prop) != null) {
                cmd.add("-D" + prop + "=" + System.getProperty(prop));
            }
        }
        cmd.add(HoldClusterMain.class.getName());
        Process jvm = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Long> pids = new ArrayList<>();
        Path workDir = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("pid ")) {
                    pids.add(Long.parseLong(line.split(" ")[2]));
                } else if (line.startsWith("workdir ")) {
                    workDir = Path.of(line.substring("workdir ".length()));
                } else if (line.equals("ready")) {
                    break;
                }
            }
        }
        assertThat(pids).as("child JVM reported its cluster's PIDs").hasSize(6);
        assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).isTrue());

        jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // The watchdog notices within about a second and kills the components.
        assertAllGone(pids, Duration.ofSeconds(15));

        // The next start reaps the registry entry and the work directory.
        ProcessReaper.reapOrphans();
        assertThat(workDir).isNotNull();
        assertThat(Files.exists(workDir)).as("work dir %s reaped", workDir).isFalse();
    }

    /** Started in a separate JVM by the test above: brings a cluster up, prints its PIDs, waits forever. */
    public static final class HoldClusterMain {
        public static void main(String[] args) throws InterruptedException {
            LocalCluster cluster = new LocalCluster().withNodes(1).start();
            cluster.pids().forEach((name, pid) -> System.out.println("pid " + name + " " + pid));
            System.out.println("workdir " + cluster.workDir());
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && !isZombie(pid);
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (Exception e) {
            return false;
        }
    }

    static void assertAllGone(Collection<Long> pids, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (pids.stream().anyMatch(ProcessCleanupTest::alive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(pids.stream().filter(ProcessCleanupTest::alive).toList()).as("processes still alive").isEmpty();
    }
}
