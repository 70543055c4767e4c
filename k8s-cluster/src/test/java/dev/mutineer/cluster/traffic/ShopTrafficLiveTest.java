package dev.mutineer.cluster.traffic;

import dev.mutineer.cluster.node.ProcFigures;
import dev.mutineer.cluster.local.LocalCluster;
import dev.mutineer.cluster.node.RealNodeAssumptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default shop workload (examples/workloads) on real nodes under client traffic: its pods are processes on this
 * host, golden traffic to shop/frontend is all successful at a steady 20/s, a pod relabelled into the backend's Service
 * shows as answers from the wrong workload, a backend Service that selects nothing as the frontend's 5xx, and with two nodes the frontend's calls cross nodes. Needs root and the node
 * packages (skipped, naming what is missing, without). Prints its measurements.
 */
class ShopTrafficLiveTest {

    private static final TrafficTarget FRONTEND = new TrafficTarget("shop", "frontend", 80, "/", TrafficTarget.DEFAULT_RATE,
            TrafficTarget.DEFAULT_TIMEOUT, List.of("frontend", "backend"));
    /** Pods of the shop that serve on one real node: 3 frontend, 2 backend, 2 db, its node agent; the Job's has exited. */
    private static final int SERVING_PODS_PER_CLUSTER = 8;

    @BeforeAll
    static void realNodesCanRunHere() {
        RealNodeAssumptions.assumeRealNodesCanRun();
    }

    @Test
    void goldenTrafficSucceedsAndAPodRelabelledIntoTheBackendsServiceIsSeen() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        try (LocalCluster cluster = new LocalCluster().withNodes(1).withRealNodes(1)) {
            cluster.start();
            KubernetesClient client = cluster.client();
            long t0 = System.nanoTime();
            applyShop(client);
            awaitShop(client, 1);
            figures.put("shop applied to every pod ready (ms)", (System.nanoTime() - t0) / 1_000_000);
            assertThat(client.pods().inNamespace("shop").list().getItems()).filteredOn(p -> !p.getMetadata().getName().startsWith("node-agent"))
                    .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).as(p.getMetadata().getName()).isEqualTo("real-node-0"));
            String cgroupRoot = cluster.realNodes().get(0).layout().cgroupRoot();
            assertThat(processesRunning("/http-echo").stream().filter(pid -> inCgroup(pid, cgroupRoot)))
                    .as("every serving pod of the shop is a process on this host, in the real node's cgroup")
                    .hasSize(SERVING_PODS_PER_CLUSTER);

            Traffic traffic = cluster.startTraffic(FRONTEND);
            long pid = ((TrafficGenerator) traffic).pid();
            // nsenter (and setsid) exec the generator: the registered PID is the generator's own, for the reaper and for measuring.
            await("nsenter to exec the generator", Duration.ofSeconds(5), () -> comm(pid).startsWith("traffic-gen"));
            Instant from = Instant.now().plusSeconds(2); // the generator starts sending at the next whole second
            Thread.sleep(2_000);
            long cpu0 = cpuTicks(pid);
            long wall0 = System.nanoTime();
            List<ClientSecond> golden = awaitSeconds(traffic, from, 10);
            figures.put("generator CPU at 20/s (ms per s)", (cpuTicks(pid) - cpu0) * 10 * 1_000_000_000L / (System.nanoTime() - wall0));
            figures.put("generator RSS (KiB)", rssKib(pid));
            figures.put("golden seconds", golden.size());
            figures.putAll(latency("golden", golden));
            assertThat(golden).as("golden traffic: %s", golden).allSatisfy(s -> {
                assertThat(s.sent()).isEqualTo(20);
                assertThat(s.succeeded()).isEqualTo(20);
            });

            // The node agent of the real node, relabelled: the backend's Service (targetPort "http") now selects it too.
            Pod agent = client.pods().inNamespace("shop").withLabel("app.kubernetes.io/name", "node-agent").list().getItems().stream()
                    .filter(p -> "real-node-0".equals(p.getSpec().getNodeName())).findFirst().orElseThrow();
            Instant relabelled = Instant.now();
            client.pods().inNamespace("shop").withName(agent.getMetadata().getName())
                    .edit(p -> { p.getMetadata().getLabels().put("app.kubernetes.io/name", "backend"); return p; });
            List<ClientSecond> after = awaitSeconds(traffic, relabelled.plusSeconds(1), 8);
            int wrong = after.stream().mapToInt(s -> s.errors().getOrDefault(ClientError.WRONG_WORKLOAD, 0)).sum();
            figures.put("after relabelling: WRONG_WORKLOAD answers in " + after.size() + " s", wrong);
            assertThat(after).as("seconds after the relabelling: %s", after)
                    .anySatisfy(s -> assertThat(s.errors()).containsKey(ClientError.WRONG_WORKLOAD));
            assertThat(after).as("nothing else goes wrong").allSatisfy(s ->
                    assertThat(s.errors().keySet()).containsOnly(ClientError.WRONG_WORKLOAD));

            // The backend's Service selecting nothing: the frontend's calls are refused, it answers 502, its clients see 5xx.
            Instant unselected = Instant.now();
            client.services().inNamespace("shop").withName("backend")
                    .edit(svc -> { svc.getSpec().getSelector().put("app.kubernetes.io/name", "nothing-matches"); return svc; });
            List<ClientSecond> broken = awaitSeconds(traffic, unselected.plusSeconds(1), 6);
            figures.put("backend Service selecting nothing, the last second", broken.get(broken.size() - 1));
            assertThat(broken.get(broken.size() - 1).errors()).as("seconds after the selector broke: %s", broken)
                    .isEqualTo(Map.of(ClientError.HTTP_5XX, 20));
        } finally {
            System.out.println("ShopTrafficLiveTest figures: " + figures);
        }
        assertThat(processesRunning("traffic-generator")).as("close() stops the generator").isEmpty();
    }

    @Test
    void withTwoRealNodesTheFrontendsCallsCrossNodes() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        try (LocalCluster cluster = new LocalCluster().withNodes(1).withRealNodes(2)) {
            cluster.start();
            KubernetesClient client = cluster.client();
            applyShop(client);
            awaitShop(client, 2);
            Map<String, Set<String>> nodesOf = new LinkedHashMap<>();
            for (Pod p : client.pods().inNamespace("shop").list().getItems()) {
                nodesOf.computeIfAbsent(p.getMetadata().getLabels().get("app.kubernetes.io/name"), k -> new TreeSet<>())
                        .add(p.getSpec().getNodeName());
            }
            figures.put("placement", nodesOf);
            Set<String> both = Set.of("real-node-0", "real-node-1");
            // Spread over both nodes: some frontend's backend Service calls go to the other node's backend pod.
            assertThat(nodesOf.get("frontend")).as("frontend pods' nodes").containsAnyElementsOf(both);
            assertThat(nodesOf.get("backend")).as("backend pods' nodes").containsAnyElementsOf(both);
            Set<String> frontendAndBackend = new TreeSet<>(nodesOf.get("frontend"));
            frontendAndBackend.addAll(nodesOf.get("backend"));
            assertThat(frontendAndBackend).as("frontend and backend pods together on both nodes: %s", nodesOf).containsAll(both);
            assertThat(nodesOf.get("frontend").size() + nodesOf.get("backend").size())
                    .as("a frontend and a backend on different nodes: %s", nodesOf).isGreaterThan(2);

            try (Traffic traffic = cluster.startTraffic(FRONTEND)) {
                Instant from = Instant.now().plusSeconds(2);
                List<ClientSecond> seconds = awaitSeconds(traffic, from, 8);
                figures.putAll(latency("2 nodes", seconds));
                assertThat(seconds).as("traffic across nodes: %s", seconds).allSatisfy(s -> assertThat(s.succeeded()).isEqualTo(20));
            }
        } finally {
            System.out.println("ShopTrafficLiveTest (2 nodes) figures: " + figures);
        }
    }

    // ---------------------------------------------------------------------------------------

    static void applyShop(KubernetesClient client) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(repo().resolve("examples/workloads"))) {
            files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                for (HasMetadata item : client.load(in).items()) {
                    client.resource(item).create();
                }
            }
        }
    }

    /** Every workload of the shop available on {@code realNodes} real nodes (plus the kwok node's agent), the Job done. */
    static void awaitShop(KubernetesClient client, int realNodes) throws InterruptedException {
        await("the shop's pods ready", Duration.ofMinutes(2), () -> {
            var deployments = client.apps().deployments().inNamespace("shop").list().getItems();
            var db = client.apps().statefulSets().inNamespace("shop").withName("db").get();
            var agent = client.apps().daemonSets().inNamespace("shop").withName("node-agent").get();
            var job = client.batch().v1().jobs().inNamespace("shop").withName("schema-migration").get();
            return deployments.size() == 2 && deployments.stream().allMatch(d -> d.getStatus() != null
                    && d.getSpec().getReplicas().equals(d.getStatus().getAvailableReplicas()))
                    && db != null && db.getStatus() != null && Integer.valueOf(2).equals(db.getStatus().getReadyReplicas())
                    && agent != null && agent.getStatus() != null && Integer.valueOf(realNodes + 1).equals(agent.getStatus().getNumberReady())
                    && job != null && job.getStatus() != null && Integer.valueOf(1).equals(job.getStatus().getSucceeded());
        });
    }

    /** The first {@code n} completed seconds from {@code from} on, waiting for them. */
    static List<ClientSecond> awaitSeconds(Traffic traffic, Instant from, int n) throws InterruptedException {
        await(n + " seconds of traffic", Duration.ofSeconds(n + 15), () -> traffic.seconds(from, Instant.now()).size() >= n);
        return traffic.seconds(from, Instant.now()).subList(0, n);
    }

    /** Median of the seconds' p50 and the worst second's p99, in ms. */
    static Map<String, Object> latency(String what, List<ClientSecond> seconds) {
        List<Long> p50 = seconds.stream().map(ClientSecond::p50Micros).filter(v -> v >= 0).sorted().toList();
        long p99 = seconds.stream().mapToLong(ClientSecond::p99Micros).max().orElse(-1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(what + " p50 (ms)", p50.isEmpty() ? -1 : p50.get(p50.size() / 2) / 1000.0);
        out.put(what + " worst second's p99 (ms)", p99 / 1000.0);
        return out;
    }

    static List<Long> processesRunning(String executable) throws IOException {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = Files.readString(p.resolve("cmdline")).split("\0", 2)[0];
                    if (cmd.endsWith(executable) || cmd.contains("/" + executable + "-")) {
                        out.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | ArrayIndexOutOfBoundsException gone) {
                    // exited meanwhile, or a kernel thread
                }
            }
        }
        return out;
    }

    static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/comm")).trim();
        } catch (IOException gone) {
            return "";
        }
    }

    static boolean inCgroup(long pid, String cgroupRoot) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cgroup")).contains(cgroupRoot + "/");
        } catch (IOException gone) {
            return false;
        }
    }

    /** utime + stime of a process, in clock ticks (1/100 s). */
    static long cpuTicks(long pid) throws IOException {
        return ProcFigures.cpuTicks(pid);
    }

    static long rssKib(long pid) throws IOException {
        return ProcFigures.rssKib(pid).orElse(-1L);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/workloads"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no examples/workloads above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
