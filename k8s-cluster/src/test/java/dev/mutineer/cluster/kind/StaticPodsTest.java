package dev.mutineer.cluster.kind;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shell snippets KindCluster runs in the node, run here against real processes that carry
 * the control-plane names, with this test playing the kubelet. Needs only bash and /proc.
 */
class StaticPodsTest {

    @TempDir
    Path dir;

    private final List<Process> fakes = new ArrayList<>();

    /** Runs the snippets in a local bash, as NodeShell does in the node container. */
    private static final StaticPods.Shell LOCAL_BASH = script -> {
        try {
            Process p = new ProcessBuilder("bash", "-c", script).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("exit " + p.exitValue() + ": " + err);
            }
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    };

    @AfterEach
    void killFakes() {
        fakes.forEach(Process::destroyForcibly);
    }

    /** A process whose command line starts like the static pod's: "kube-scheduler <args>". */
    private Process fake(String name) throws IOException {
        Process p = new ProcessBuilder("bash", "-c", "exec -a " + name + " sleep 300").start();
        fakes.add(p);
        StaticPods.await(() -> Files.exists(Path.of("/proc", Long.toString(p.pid()), "cmdline")) && cmdline(p).startsWith(name + " "),
                Duration.ofSeconds(10), name + " to exec");
        return p;
    }

    private static String cmdline(Process p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private StaticPods pods() {
        return new StaticPods(LOCAL_BASH, dir.resolve("manifests").toString());
    }

    @Test
    void stateFollowsSignalsEvenForNamesLongerThanFifteenCharacters() throws Exception {
        StaticPods pods = pods();
        assertThat(pods.state(Component.CONTROLLER_MANAGER)).isEqualTo(ComponentState.DOWN);
        Process cm = fake("kube-controller-manager");
        assertThat(pods.state(Component.CONTROLLER_MANAGER)).isEqualTo(ComponentState.RUNNING);

        pods.signal(Component.CONTROLLER_MANAGER, "STOP");
        StaticPods.await(() -> pods.state(Component.CONTROLLER_MANAGER) == ComponentState.PAUSED, Duration.ofSeconds(5), "paused");
        pods.signal(Component.CONTROLLER_MANAGER, "CONT");
        StaticPods.await(() -> pods.state(Component.CONTROLLER_MANAGER) == ComponentState.RUNNING, Duration.ofSeconds(5), "running");

        pods.signal(Component.CONTROLLER_MANAGER, "KILL");
        assertThat(cm.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(pods.state(Component.CONTROLLER_MANAGER)).isEqualTo(ComponentState.DOWN);
    }

    @Test
    void aSimilarlyNamedProcessIsNotTheComponent() throws Exception {
        fake("kube-scheduler-extender");
        StaticPods pods = pods();
        assertThat(pods.state(Component.SCHEDULER)).isEqualTo(ComponentState.DOWN);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> pods.signal(Component.SCHEDULER, "KILL")))
                .hasMessageContaining("kube-scheduler is not running");
    }

    @Test
    void stopParksTheManifestUntilTheKubeletStopsThePodAndStartPutsItBack() throws Exception {
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        Path manifest = Files.writeString(manifests.resolve("kube-scheduler.yaml"), "kind: Pod\n");
        Process scheduler = fake("kube-scheduler");
        StaticPods pods = pods();

        // The kubelet's part: a pod whose manifest is gone gets stopped.
        CompletableFuture<Void> kubelet = CompletableFuture.runAsync(() -> {
            StaticPods.await(() -> !Files.exists(manifest), Duration.ofSeconds(10), "manifest removed");
            scheduler.destroy();
        });
        pods.stop(Component.SCHEDULER, Duration.ofSeconds(15));
        kubelet.get(5, TimeUnit.SECONDS);
        assertThat(manifest).doesNotExist();
        assertThat(dir.resolve("manifests-mutineer-stopped/kube-scheduler.yaml")).hasContent("kind: Pod");
        assertThat(pods.state(Component.SCHEDULER)).isEqualTo(ComponentState.DOWN);

        // And a manifest that comes back gets its pod started again.
        CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
            StaticPods.await(() -> Files.exists(manifest), Duration.ofSeconds(10), "manifest back");
            try {
                fake("kube-scheduler");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        pods.start(Component.SCHEDULER, Duration.ofSeconds(15));
        restart.get(5, TimeUnit.SECONDS);
        assertThat(manifest).hasContent("kind: Pod");
        assertThat(pods.state(Component.SCHEDULER)).isEqualTo(ComponentState.RUNNING);
    }

    @Test
    void featureGatesAreAddedOnceAndReplacedAfterwards() throws Exception {
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        for (String c : List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler")) {
            Files.writeString(manifests.resolve(c + ".yaml"), """
                    apiVersion: v1
                    kind: Pod
                    spec:
                      containers:
                      - command:
                        - %s
                        - --authorization-kubeconfig=/etc/kubernetes/%s.conf
                        image: registry.k8s.io/%s:v1.34.0
                    """.formatted(c, c, c));
        }
        StaticPods pods = pods();

        pods.setFeatureGates("A=true,B=false");
        List<String> lines = Files.readAllLines(manifests.resolve("kube-apiserver.yaml"));
        assertThat(lines).containsSubsequence("    - kube-apiserver", "    - --feature-gates=A=true,B=false",
                "    - --authorization-kubeconfig=/etc/kubernetes/kube-apiserver.conf");

        pods.setFeatureGates("A=false");
        for (String c : List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler")) {
            assertThat(Files.readAllLines(manifests.resolve(c + ".yaml")))
                    .filteredOn(l -> l.contains("--feature-gates")).containsExactly("    - --feature-gates=A=false");
        }
    }
}
