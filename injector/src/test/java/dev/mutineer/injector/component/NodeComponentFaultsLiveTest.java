package dev.mutineer.injector.component;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.local.LiveChecks;
import dev.mutineer.cluster.local.LocalCluster;
import dev.mutineer.cluster.netns.NamespacePort;
import dev.mutineer.cluster.node.RealNode;
import dev.mutineer.cluster.node.RealNodeAssumptions;
import dev.mutineer.cluster.node.RealNodeChecks;
import dev.mutineer.injector.fault.ActiveFault;
import dev.mutineer.injector.fault.ComponentFault;
import dev.mutineer.injector.fault.FaultContext;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.injector.fault.InjectionTimers;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pause-component, kill-component and restart-component on the containerd, kubelet and kube-proxy of a real node,
 * through the fault path (Faults.byName(..).inject, end()): the process is stopped (state T), gone, or another PID;
 * it comes back; the pod's container is the same process throughout (it belongs to its shim) and the Service keeps
 * answering; the node is Ready again; close() leaves nothing. Prints how long each recovery took. Needs root and
 * the node packages.
 */
class NodeComponentFaultsLiveTest {

    private static final String NODE = "real-node-0";

    @BeforeAll
    static void realNodesCanRunHere() {
        RealNodeAssumptions.assumeRealNodesCanRun();
    }

    @Test
    void pauseKillAndRestartEachDaemonOfARealNode() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        LocalCluster cluster = new LocalCluster().withNodes(1).withRealNodes(1);
        List<ProcessHandle> pids = new ArrayList<>();
        Path workDir = null;
        String ns = null;
        RealNode node = null;
        try (InjectionTimers timers = InjectionTimers.create()) {
            cluster.start();
            workDir = cluster.workDir();
            ns = cluster.networkNamespace().orElseThrow().name();
            node = cluster.realNodes().get(0);
            assertThat(cluster.components()).endsWith(Component.CONTAINERD, Component.KUBELET, Component.KUBE_PROXY);
            KubernetesClient client = cluster.client();
            client.pods().inNamespace("default").resource(RealNodeChecks.echoPod("echo-0", NODE)).create();
            client.services().inNamespace("default").resource(RealNodeChecks.echoService()).create();
            LiveChecks.await("echo-0 Ready", () -> RealNodeChecks.ready(client.pods().inNamespace("default").withName("echo-0").get()));
            List<Long> servers = servers(node);
            assertThat(servers).as("echo-0's server, a process in the node's cgroups").hasSize(1);
            long server = servers.get(0);
            pids.addAll(RealNodeChecks.handles(cluster.pids().values()));
            pids.addAll(RealNodeChecks.handles(node.pids().values()));
            pids.addAll(RealNodeChecks.handles(List.of(server)));
            pids.addAll(RealNodeChecks.handles(RealNodeChecks.processesNaming(node.layout().root().toString(), "containerd-shim")));
            cluster.saveSteadyState();
            String clusterIp = client.services().inNamespace("default").withName("echo").get().getSpec().getClusterIP();
            FaultContext context = new FaultContext(null, null, "/registry", Optional.empty(), cluster, timers, Map.of());

            try (NamespacePort svc = NamespacePort.open(cluster.networkNamespace().orElseThrow(), clusterIp, 80,
                    workDir.resolve("ports/echo-svc.sock"), workDir.resolve("logs"), workDir.resolve("pids"))) {
                LiveChecks.await("echo answering through its ClusterIP", () -> served(svc));
                for (Component c : Component.nodeComponents()) {
                    long before = node.pids().get(c.binary());

                    // pause: frozen (T), the same PID after SIGCONT; the data plane does not need the daemon.
                    ActiveFault pause = inject(context, "pause-component", c, Map.of());
                    assertThat(pause.record().description()).isEqualTo("SIGSTOP " + c.binary() + " on " + NODE + " until the fault ends");
                    assertThat(procState(before)).as(c + " paused").isEqualTo('T');
                    assertThat(cluster.state(c)).isEqualTo(ComponentState.PAUSED);
                    assertThat(served(svc)).as("served while " + c + " is paused").isTrue();
                    pause.end();
                    assertThat(procState(before)).isNotEqualTo('T');
                    assertThat(node.state(c)).isEqualTo(ComponentState.RUNNING);

                    // kill: gone and held down (no supervisor starts it) until the fault ends; the pod runs on.
                    ActiveFault kill = inject(context, "kill-component", c, Map.of());
                    assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).as(c + " killed").isFalse();
                    assertThat(cluster.state(c)).isEqualTo(ComponentState.DOWN);
                    assertThat(node.pids()).doesNotContainKey(c.binary());
                    assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false)).as("the container outlives " + c).isTrue();
                    assertThat(served(svc)).as("served while " + c + " is down").isTrue();
                    if (c == Component.KUBELET) {
                        figures.put("kubelet killed: node NotReady after (ms)", notReadyAfter(client, Duration.ofSeconds(75)));
                    } else {
                        Thread.sleep(3_000);
                        assertThat(cluster.state(c)).as(c + " held down").isEqualTo(ComponentState.DOWN);
                    }
                    long restartAt = System.nanoTime();
                    kill.end();
                    figures.put(c.binary() + " kill: end() to answering (ms)", (System.nanoTime() - restartAt) / 1_000_000);
                    long afterKill = node.pids().get(c.binary());
                    assertThat(afterKill).isNotEqualTo(before);
                    LiveChecks.await("node Ready after " + c + " came back", () -> ready(client.nodes().withName(NODE).get()));
                    figures.put(c.binary() + " kill: end() to node Ready (ms)", (System.nanoTime() - restartAt) / 1_000_000);

                    // restart: SIGKILL and start at once, answering when inject returns; the duration timer of a kill too.
                    long restartStart = System.nanoTime();
                    ActiveFault restart = inject(context, "restart-component", c, Map.of());
                    figures.put(c.binary() + " restart: answering again (ms)", (System.nanoTime() - restartStart) / 1_000_000);
                    assertThat(node.pids().get(c.binary())).isNotIn(before, afterKill);
                    assertThat(node.state(c)).isEqualTo(ComponentState.RUNNING);
                    restart.end();
                    long heartbeatFrom = System.currentTimeMillis();
                    if (c == Component.KUBELET) {
                        LiveChecks.await("a node status posted by the restarted kubelet",
                                () -> readySince(client.nodes().withName(NODE).get(), heartbeatFrom - 1_000));
                        figures.put("kubelet restart: to a fresh Ready heartbeat (ms)", (System.nanoTime() - restartStart) / 1_000_000);
                    }

                    ActiveFault timed = inject(context, "kill-component", c, Map.of("duration", "2s"));
                    assertThat(cluster.state(c)).isEqualTo(ComponentState.DOWN);
                    LiveChecks.await(c + " started again by the fault's 2 s timer", () -> cluster.state(c) == ComponentState.RUNNING);
                    timed.end();

                    LiveChecks.await("echo answering after the faults on " + c, () -> served(svc));
                    assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false)).isTrue();
                    pids.addAll(RealNodeChecks.handles(node.pids().values()));
                }
            }
            assertThat(servers(node)).as("the pod's one container, never started again").containsExactly(server);
            assertThat(client.pods().inNamespace("default").withName("echo-0").get().getStatus().getContainerStatuses().get(0)
                    .getRestartCount()).isZero();
            LiveChecks.await("node Ready at the end", () -> ready(client.nodes().withName(NODE).get()));

            // What a fault left down or frozen, the reset brings back (as the control plane's).
            cluster.node(NODE).kill(Component.KUBELET);
            cluster.node(NODE).pause(Component.KUBE_PROXY);
            long resetStart = System.nanoTime();
            cluster.restoreSteadyState();
            figures.put("reset with kubelet killed and kube-proxy paused (ms)", (System.nanoTime() - resetStart) / 1_000_000);
            assertThat(Component.nodeComponents()).allSatisfy(c -> assertThat(cluster.state(c)).isEqualTo(ComponentState.RUNNING));
            pids.addAll(RealNodeChecks.handles(node.pids().values()));
        } finally {
            cluster.close();
            System.out.println("NodeComponentFaultsLiveTest figures: " + figures);
        }
        RealNodeChecks.assertNoLeftovers(List.of(node.layout()), pids, workDir, ns);
    }

    private static ActiveFault inject(FaultContext context, String operator, Component c, Map<String, String> extra) {
        Map<String, String> p = new TreeMap<>(extra);
        p.put("component", c.binary());
        p.put(ComponentFault.NODE, NODE);
        ActiveFault f = Faults.byName(operator).inject(context,
                InjectionSpec.of(Target.named(ComponentFault.TARGET_KIND, "", c.binary()), operator, p, 0));
        assertThat(f.activated()).as(operator + " " + c + ": " + f.record().reason()).isTrue();
        assertThat(f.record().key()).isEqualTo("component/" + NODE + "/" + c.binary());
        return f;
    }

    /** The http-echo processes of this node's pods (other clusters on the host run their own). */
    private static List<Long> servers(RealNode node) throws IOException {
        List<Long> out = new ArrayList<>();
        for (long pid : RealNodeChecks.processesRunning("/http-echo")) {
            Path cgroup = Path.of("/proc/" + pid + "/cgroup");
            if (Files.exists(cgroup) && Files.readString(cgroup).contains(node.layout().cgroupRoot())) {
                out.add(pid);
            }
        }
        return out;
    }

    private static boolean served(NamespacePort svc) {
        HttpResponse<String> r = RealNodeChecks.get(svc);
        return r != null && r.statusCode() == 200 && r.body().startsWith("pod=echo-0 ");
    }

    /** The third field of /proc/PID/stat: R, S, T (stopped), Z...; '?' when the process is gone. */
    private static char procState(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return '?';
        }
        String s = Files.readString(stat);
        return s.charAt(s.lastIndexOf(')') + 2);
    }

    private static boolean ready(Node n) {
        return n != null && n.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Ready, with a heartbeat at or after {@code sinceMillis}: the restarted kubelet posted it. */
    private static boolean readySince(Node n, long sinceMillis) {
        return n != null && n.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())
                && java.time.Instant.parse(c.getLastHeartbeatTime()).toEpochMilli() >= sinceMillis);
    }

    /** How long until the node controller marks the node not Ready; -1 when it does not within {@code max}. */
    private static long notReadyAfter(KubernetesClient client, Duration max) throws InterruptedException {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < max.toNanos()) {
            if (!ready(client.nodes().withName(NODE).get())) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            Thread.sleep(250);
        }
        return -1;
    }
}
