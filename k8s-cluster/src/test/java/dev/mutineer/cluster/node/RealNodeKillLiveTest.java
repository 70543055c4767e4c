package dev.mutineer.cluster.node;

import dev.mutineer.cluster.local.LocalCluster;
import dev.mutineer.cluster.netns.NamespaceRegistry;
import dev.mutineer.cluster.netns.NetworkNamespace;
import dev.mutineer.cluster.netns.Shell;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL of the JVM that runs a real node with a pod: the watchdog kills the daemons, and what only the
 * next start can clean (containerd's shims, the containers, their mounts and cgroups, the namespace)
 * is removed by the node and namespace registries. Needs root and the node packages.
 */
class RealNodeKillLiveTest {

    @BeforeAll
    static void realNodesCanRunHere() {
        RealNodeAssumptions.assumeRealNodesCanRun();
    }

    @Test
    void aKilledJvmsNodeIsRemovedByTheNextStart() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path")));
        for (String prop : List.of("mutineer.repo", "mutineer.binDir")) {
            if (System.getProperty(prop) != null) {
                cmd.add("-D" + prop + "=" + System.getProperty(prop));
            }
        }
        cmd.add(HoldRealNodeMain.class.getName());
        Process jvm = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            killedJvmsNodeIsReaped(jvm);
        } finally {
            // A failed assertion before the SIGKILL must not leave the child JVM (and its node) behind: it holds the
            // test's output pipe open, and Maven waits on it for ever.
            jvm.destroyForcibly();
        }
    }

    private static void killedJvmsNodeIsReaped(Process jvm) throws Exception {
        Map<String, String> reported = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null && !line.equals("ready"); ) {
                String[] kv = line.split(" ", 2);
                if (kv.length == 2) {
                    reported.put(kv[0], kv[1]);
                }
            }
        }
        assertThat(reported).as("child JVM reported its node").containsKeys("root", "kubeletConfig", "cgroupRoot", "netns", "workdir");
        Path root = Path.of(reported.get("root"));
        String cgroupRoot = reported.get("cgroupRoot");
        List<ProcessHandle> containers = RealNodeLiveTest.handles(RealNodeLiveTest.processesRunning("/http-echo"));
        assertThat(containers).hasSize(1);

        jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
        assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
        RealNodeLiveTest.await("the watchdog killed kubelet", Duration.ofSeconds(15),
                () -> RealNodeLiveTest.commandLinesUnchecked().values().stream().noneMatch(c -> c.contains(reported.get("kubeletConfig"))));
        assertThat(containers).as("containers outlive the daemons: only the next start can remove them")
                .allSatisfy(p -> assertThat(p.isAlive()).isTrue());

        // What the next start does (NetworkNamespace.create, then LocalCluster.start).
        assertThat(NamespaceRegistry.reapOrphans()).contains(reported.get("netns"));
        assertThat(NodeRegistry.reapOrphans()).contains(root);

        RealNodeLiveTest.await("containers gone", Duration.ofSeconds(10), () -> containers.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(RealNodeLiveTest.processesNaming(root.toString(), "")).isEmpty();
        assertThat(NodeLeftovers.mountsUnder(NodeLeftovers.readMountinfo(), root)).isEmpty();
        assertThat(NodeLeftovers.cgroupDirs(cgroupRoot)).isEmpty();
        assertThat(root).doesNotExist();
        assertThat(Shell.check(List.of("ip", "netns", "list"))).doesNotContain(reported.get("netns"));
    }

    /** Started in a separate JVM by the test above: a cluster with one real node and one pod, then waits for ever. */
    public static final class HoldRealNodeMain {
        public static void main(String[] args) throws Exception {
            NetworkNamespace ns = NetworkNamespace.create("kill" + ProcessHandle.current().pid(), List.of("10.200.0.1"), "10.96.0.0/16");
            LocalCluster cluster = new LocalCluster().withNodes(1).withNetworkNamespace(ns).start();
            RealNode node = new RealNode("real-0").withCluster(cluster).withNetworkNamespace(ns).withNodeIp("10.200.0.1")
                    .withImage(NodeImages.httpEcho()).start();
            KubernetesClient client = cluster.client();
            client.pods().inNamespace("default").resource(RealNodeLiveTest.echoPod("echo-0", "real-0")).create();
            RealNodeLiveTest.await("echo-0 Ready", Duration.ofSeconds(60),
                    () -> RealNodeLiveTest.ready(client.pods().inNamespace("default").withName("echo-0").get()));
            System.out.println("root " + node.layout().root());
            System.out.println("kubeletConfig " + node.layout().kubeletConfig());
            System.out.println("cgroupRoot " + node.layout().cgroupRoot());
            System.out.println("netns " + ns.name());
            System.out.println("workdir " + cluster.workDir());
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
