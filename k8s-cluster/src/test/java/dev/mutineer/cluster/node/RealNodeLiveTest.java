package dev.mutineer.cluster.node;

import dev.mutineer.cluster.local.LocalCluster;
import dev.mutineer.cluster.netns.NamespacePort;
import dev.mutineer.cluster.netns.NetworkNamespace;
import dev.mutineer.cluster.netns.Shell;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A local cluster in its own network namespace with one real node beside its kwok node: the node gets
 * Ready, a pod of the http-echo image runs as a host process and answers through a ClusterIP Service,
 * and close() leaves no process, mount, cgroup, namespace or containerd state. Needs root and the node
 * packages (scripts/install-node-packages.sh): skipped, naming what is missing, without. Prints its measurements.
 */
class RealNodeLiveTest {

    @BeforeAll
    static void realNodesCanRunHere() {
        RealNodeAssumptions.assumeRealNodesCanRun();
    }

    private static final String NODE_IP = "10.200.0.1";

    /** The product's way: {@code withRealNodes(1)} makes the namespace and the node, and taints the kwok node. */
    @Test
    void aRealPodServesThroughAClusterIpAndCloseLeavesNothing() throws Exception {
        NodeImages.httpEcho(); // built once and cached: not part of the cold start
        long t0 = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>();
        LocalCluster cluster = new LocalCluster().withNodes(1).withRealNodes(1);
        NetworkNamespace ns = null;
        RealNode node = null;
        List<ProcessHandle> pids = new ArrayList<>();
        Path workDir = null;
        NodeLayout layout = null;
        try {
            cluster.start();
            figures.put("cold start to Ready, 1 kwok + 1 real node (ms)", (System.nanoTime() - t0) / 1_000_000);
            ns = cluster.networkNamespace().orElseThrow();
            workDir = cluster.workDir();
            pids.addAll(handles(cluster.pids().values()));
            node = cluster.realNodes().get(0);
            layout = node.layout();
            figures.put("real node start steps (ms)", node.startMillis());
            pids.addAll(handles(node.pids().values()));
            assertThat(node.pids()).containsKeys("containerd", "kubelet", "kube-proxy");

            KubernetesClient client = cluster.client();
            // The kubeconfig the cluster hands out works from the host (through the relay), as `cluster up` prints it.
            try (KubernetesClient fromHost = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                    .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(cluster.kubeconfig()))).build()) {
                assertThat(fromHost.nodes().list().getItems()).extracting(n -> n.getMetadata().getName())
                        .containsExactlyInAnyOrder("kwok-node-0", "real-node-0");
            }
            // etcd in the namespace, through its relay: mutual TLS end to end, the relay only passes the bytes on
            assertThat(cluster.etcd().primaryEndpoint()).startsWith("https://127.0.0.1:");
            try (io.etcd.jetcd.Client etcd = cluster.etcd().connect()) {
                assertThat(etcd.getKVClient().get(io.etcd.jetcd.ByteSequence.from("/registry/minions/real-node-0",
                        java.nio.charset.StandardCharsets.UTF_8)).get(20, java.util.concurrent.TimeUnit.SECONDS).getKvs())
                        .as("the real node's Node object, read through the etcd relay").hasSize(1);
            }
            assertThat(client.nodes().withName("kwok-node-0").get().getSpec().getTaints())
                    .extracting(t -> t.getKey() + "=" + t.getValue() + ":" + t.getEffect())
                    .containsExactly("kwok.x-k8s.io/node=fake:NoSchedule");
            long podStart = System.nanoTime();
            // No node selector: the kwok node's taint sends it to the real node.
            client.pods().inNamespace("default").resource(echoPod("echo-0", null)).create();
            client.services().inNamespace("default").resource(echoService()).create();
            await("echo-0 Ready", Duration.ofSeconds(60), () -> ready(client.pods().inNamespace("default").withName("echo-0").get()));
            figures.put("pod start to Ready (ms)", (System.nanoTime() - podStart) / 1_000_000);
            Pod pod = client.pods().inNamespace("default").withName("echo-0").get();
            assertThat(pod.getSpec().getNodeName()).isEqualTo("real-node-0");
            assertThat(pod.getStatus().getPodIP()).startsWith("10.244.");

            List<Long> servers = processesRunning("/http-echo");
            assertThat(servers).as("the pod's server is a process on the host").hasSize(1);
            pids.addAll(handles(servers));
            pids.addAll(handles(processesNaming(layout.root().toString(), "containerd-shim")));

            String clusterIp = client.services().inNamespace("default").withName("echo").get().getSpec().getClusterIP();
            Path sock = workDir.resolve("ports/echo-svc.sock");
            try (NamespacePort svc = NamespacePort.open(ns, clusterIp, 80, sock, workDir.resolve("logs"), workDir.resolve("pids"))) {
                String[] body = new String[1];
                long first = System.nanoTime();
                await("an answer through ClusterIP " + clusterIp, Duration.ofSeconds(30), () -> {
                    HttpResponse<String> r = get(svc);
                    body[0] = r == null ? null : r.body();
                    return r != null && r.statusCode() == 200;
                });
                figures.put("Service answering after pod Ready (ms)", (System.nanoTime() - first) / 1_000_000);
                assertThat(body[0]).isEqualTo("pod=echo-0 namespace=default workload= version=v1\n");
            }
            figures.put("idle node over 10 s", idle(node.pids(), processesNaming(layout.root().toString(), "containerd-shim"), 10));
        } finally {
            long closeStart = System.nanoTime();
            cluster.close(); // its real node, control plane, relays, namespace
            figures.put("close (ms)", (System.nanoTime() - closeStart) / 1_000_000);
            figures.put("whole test (ms)", (System.nanoTime() - t0) / 1_000_000);
            System.out.println("RealNodeLiveTest figures: " + figures);
        }

        assertNoLeftovers(List.of(layout), pids, workDir, ns.name());
    }

    /**
     * Two real nodes in one namespace (one kube-proxy programs its one network stack): a Service with a pod
     * on each answers from both, so traffic reaches either node's pod CIDR.
     */
    @Test
    void twoRealNodesServeOneServiceFromBothNodes() throws Exception {
        long t0 = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>();
        NetworkNamespace ns = NetworkNamespace.create("rn2" + ProcessHandle.current().pid(), List.of(NODE_IP, "10.200.0.2"), "10.96.0.0/16");
        LocalCluster cluster = null;
        List<RealNode> nodes = new ArrayList<>();
        List<ProcessHandle> pids = new ArrayList<>();
        Path workDir = null;
        try {
            NodeImages.Image echo = NodeImages.httpEcho();
            cluster = new LocalCluster().withNodes(1).withNetworkNamespace(ns).start();
            workDir = cluster.workDir();
            pids.addAll(handles(cluster.pids().values()));
            nodes.add(new RealNode("real-0").withCluster(cluster).withNetworkNamespace(ns).withNodeIp(NODE_IP).withImage(echo).start());
            nodes.add(new RealNode("real-1").withCluster(cluster).withNetworkNamespace(ns).withNodeIp("10.200.0.2").withImage(echo)
                    .withKubeProxy(false).start());
            figures.put("cold start to 2 real nodes Ready (ms)", (System.nanoTime() - t0) / 1_000_000);
            nodes.forEach(n -> pids.addAll(handles(n.pids().values())));

            KubernetesClient client = cluster.client();
            client.pods().inNamespace("default").resource(echoPod("echo-a", "real-0")).create();
            client.pods().inNamespace("default").resource(echoPod("echo-b", "real-1")).create();
            client.services().inNamespace("default").resource(echoService()).create();
            for (String p : List.of("echo-a", "echo-b")) {
                await(p + " Ready", Duration.ofSeconds(60), () -> ready(client.pods().inNamespace("default").withName(p).get()));
            }
            String ipA = client.pods().inNamespace("default").withName("echo-a").get().getStatus().getPodIP();
            String ipB = client.pods().inNamespace("default").withName("echo-b").get().getStatus().getPodIP();
            assertThat(ipA.substring(0, ipA.lastIndexOf('.'))).as("each node has its own pod CIDR")
                    .isNotEqualTo(ipB.substring(0, ipB.lastIndexOf('.')));
            pids.addAll(handles(processesRunning("/http-echo")));

            String clusterIp = client.services().inNamespace("default").withName("echo").get().getSpec().getClusterIP();
            java.util.Set<String> answered = new java.util.TreeSet<>();
            try (NamespacePort svc = NamespacePort.open(ns, clusterIp, 80, workDir.resolve("ports/echo-svc.sock"),
                    workDir.resolve("logs"), workDir.resolve("pids"))) {
                await("answers from both pods through " + clusterIp, Duration.ofSeconds(30), () -> {
                    HttpResponse<String> r = get(svc);
                    if (r != null && r.statusCode() == 200) {
                        answered.add(r.body().split(" ")[0]);
                    }
                    return answered.size() == 2;
                });
            }
            assertThat(answered).containsExactly("pod=echo-a", "pod=echo-b");

            // Pod to pod across nodes: a frontend on real-0 calls a backend Service whose only pod is on real-1.
            client.pods().inNamespace("default").resource(echoPod("back-0", "real-1", "back", null)).create();
            client.services().inNamespace("default").resource(service("back", "back")).create();
            String backIp = client.services().inNamespace("default").withName("back").get().getSpec().getClusterIP();
            client.pods().inNamespace("default").resource(echoPod("front-0", "real-0", "front", "http://" + backIp + "/")).create();
            for (String p : List.of("back-0", "front-0")) {
                await(p + " Ready", Duration.ofSeconds(60), () -> ready(client.pods().inNamespace("default").withName(p).get()));
            }
            String frontIp = client.pods().inNamespace("default").withName("front-0").get().getStatus().getPodIP();
            pids.addAll(handles(processesRunning("/http-echo")));
            String[] body = new String[1];
            try (NamespacePort front = NamespacePort.open(ns, frontIp, 8080, workDir.resolve("ports/front.sock"),
                    workDir.resolve("logs"), workDir.resolve("pids"))) {
                await("the frontend's answer with its backend's", Duration.ofSeconds(30), () -> {
                    HttpResponse<String> r = get(front);
                    body[0] = r == null ? null : r.statusCode() + " " + r.body();
                    return r != null && r.statusCode() == 200;
                });
            }
            assertThat(body[0]).isEqualTo("200 pod=front-0 namespace=default workload= version=v1\npod=back-0 namespace=default workload= version=v1\n");
        } finally {
            for (RealNode n : nodes) {
                n.close();
            }
            if (cluster != null) {
                cluster.close();
            }
            ns.close();
            figures.put("whole test (ms)", (System.nanoTime() - t0) / 1_000_000);
            System.out.println("RealNodeLiveTest (2 nodes) figures: " + figures);
        }
        assertNoLeftovers(nodes.stream().map(RealNode::layout).toList(), pids, workDir, ns.name());
    }

    static void assertNoLeftovers(List<NodeLayout> layouts, List<ProcessHandle> pids, Path workDir, String ns) throws IOException {
        // A killed process may stay a zombie for a moment, until its parent (or init) reaps it.
        try {
            await("every process of the cluster and its nodes gone: " + pids, Duration.ofSeconds(10),
                    () -> pids.stream().noneMatch(ProcessHandle::isAlive));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(processesRunning("/http-echo")).isEmpty();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(workDir.toString());
        for (NodeLayout layout : layouts) {
            assertThat(processesNaming(layout.root().toString(), "")).isEmpty();
            assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(layout.root().toString());
            assertThat(NodeLeftovers.cgroupDirs(layout.cgroupRoot())).isEmpty();
            for (Path h : NodeLeftovers.cgroupHierarchies(NodeLeftovers.readMountinfo())) {
                assertThat(h.resolve(layout.cgroupRoot().substring(1))).doesNotExist();
            }
            assertThat(layout.containerdState()).doesNotExist();
            assertThat(layout.root()).doesNotExist();
            assertThat(NodeRegistry.reapOrphans()).doesNotContain(layout.root());
        }
        assertThat(Shell.check(List.of("ip", "netns", "list"))).doesNotContain(ns);
        assertThat(workDir).doesNotExist();
    }

    /**
     * GET / through a relay into the namespace, null while nothing answers yet. A new client each time: a
     * new connection, so that kube-proxy picks an endpoint again.
     */
    static HttpResponse<String> get(NamespacePort port) {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.localPort() + "/")).timeout(Duration.ofSeconds(5))
                            .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Handles taken while the processes run: they compare start times, so a PID the host reuses later is not ours. */
    static List<ProcessHandle> handles(java.util.Collection<Long> pids) {
        return pids.stream().map(ProcessHandle::of).flatMap(java.util.Optional::stream).toList();
    }

    static Pod echoPod(String name, String nodeName) {
        return echoPod(name, nodeName, "echo", null);
    }

    /** An http-echo pod labelled app=APP on the node; with an upstream URL it calls that for every request. */
    static Pod echoPod(String name, String nodeName, String app, String upstream) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace("default").addToLabels("app", app).endMetadata()
                .withNewSpec()
                .withNodeSelector(nodeName == null ? Map.of() : Map.of("kubernetes.io/hostname", nodeName))
                .withTerminationGracePeriodSeconds(1L)
                .addNewContainer().withName("echo").withImage(NodeImages.HTTP_ECHO).withImagePullPolicy("Never")
                .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("POD_NAMESPACE").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.namespace").endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("VERSION").withValue("v1").endEnv()
                .addNewEnv().withName("PORT").withValue("8080").endEnv()
                .addNewPort().withContainerPort(8080).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/healthz").withPort(new IntOrString(8080)).endHttpGet()
                .withPeriodSeconds(1).endReadinessProbe()
                .endContainer()
                .endSpec().build();
        if (upstream != null) {
            pod.getSpec().getContainers().get(0).getEnv().add(new io.fabric8.kubernetes.api.model.EnvVar("UPSTREAM", upstream, null));
        }
        return pod;
    }

    static Service echoService() {
        return service("echo", "echo");
    }

    static Service service(String name, String app) {
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().addToSelector("app", app)
                .addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort()
                .endSpec().build();
    }

    static boolean ready(Pod p) {
        return p != null && p.getStatus() != null && p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** PIDs whose command line is exactly {@code argv0} (a container's entrypoint). */
    static List<Long> processesRunning(String argv0) throws IOException {
        List<Long> out = new ArrayList<>();
        for (Map.Entry<Long, String> e : commandLines().entrySet()) {
            if (e.getValue().trim().equals(argv0)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** PIDs whose command line contains both strings. */
    static List<Long> processesNaming(String a, String b) throws IOException {
        List<Long> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        for (Map.Entry<Long, String> e : commandLines().entrySet()) {
            if (e.getKey() != self && e.getValue().contains(a) && e.getValue().contains(b)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    static Map<Long, String> commandLinesUnchecked() {
        try {
            return commandLines();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<Long, String> commandLines() throws IOException {
        Map<Long, String> out = new LinkedHashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                try {
                    out.put(Long.parseLong(p.getFileName().toString()),
                            new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' '));
                } catch (IOException ignored) {
                    // exited
                }
            }
        }
        return out;
    }

    /** CPU (ms per s, from /proc/PID/stat utime+stime) and resident memory (MiB) of each daemon and the shims. */
    static Map<String, String> idle(Map<String, Long> daemons, List<Long> shims, int seconds) throws Exception {
        Map<String, List<Long>> groups = new LinkedHashMap<>();
        daemons.forEach((n, p) -> groups.put(n, List.of(p)));
        groups.put("shims(" + shims.size() + ")", shims);
        Map<String, Long> before = new LinkedHashMap<>();
        groups.forEach((n, ps) -> before.put(n, ps.stream().mapToLong(RealNodeLiveTest::cpuTicks).sum()));
        TimeUnit.SECONDS.sleep(seconds);
        long hz = 100; // USER_HZ on Linux
        Map<String, String> out = new LinkedHashMap<>();
        groups.forEach((n, ps) -> {
            long ticks = ps.stream().mapToLong(RealNodeLiveTest::cpuTicks).sum() - before.get(n);
            long rssKb = ps.stream().mapToLong(RealNodeLiveTest::rssKb).sum();
            out.put(n, String.format("%.1f ms/s CPU, %d MiB", ticks * 1000.0 / hz / seconds, rssKb / 1024));
        });
        return out;
    }

    static long cpuTicks(long pid) {
        try {
            return ProcFigures.cpuTicks(pid);
        } catch (IOException e) {
            return 0;
        }
    }

    static long rssKb(long pid) {
        try {
            return ProcFigures.rssKib(pid).orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }
}
