package dev.mutineer.cluster.local;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/** The kwok nodes of a local cluster: Node objects that kwok (annotation kwok.x-k8s.io/node=fake) keeps Ready. */
final class SimulatedNodes {

    static final String NAME_PREFIX = "kwok-node-";
    /**
     * Beside real nodes, kwok nodes carry this taint, so that workload pods run on real nodes unless they tolerate
     * it (kwok-only clusters have no taint: their pods have nowhere else to go).
     */
    static final Taint REAL_NODES_TAINT = new TaintBuilder().withKey("kwok.x-k8s.io/node").withValue("fake")
            .withEffect("NoSchedule").build();
    /** API requests in flight while creating nodes: enough to hide latency, few enough for a loaded API server. */
    private static final int PARALLEL_CREATES = 8;

    private SimulatedNodes() {
    }

    static Node node(String name) {
        return node(name, false);
    }

    /** A kwok node; {@code tainted} when the cluster has real nodes ({@link #REAL_NODES_TAINT}). */
    static Node node(String name, boolean tainted) {
        Map<String, Quantity> resources = Map.of("cpu", new Quantity("32"), "memory", new Quantity("256Gi"),
                "pods", new Quantity("110"));
        NodeBuilder node = new NodeBuilder()
                .withNewMetadata().withName(name)
                .addToLabels("type", "kwok")
                .addToLabels("kubernetes.io/hostname", name)
                .addToLabels("kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/arch", "amd64")
                .addToAnnotations("kwok.x-k8s.io/node", "fake")
                .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                .endMetadata()
                .withNewStatus().withAllocatable(resources).withCapacity(resources).endStatus();
        if (tainted) {
            node.withNewSpec().withTaints(REAL_NODES_TAINT).endSpec();
        }
        return node.build();
    }

    /** Creates nodes kwok-node-0 .. kwok-node-(count-1), {@code tainted} beside real nodes. */
    static void create(KubernetesClient client, int count, boolean tainted) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, PARALLEL_CREATES));
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Node node = node(NAME_PREFIX + i, tainted);
                created.add(pool.submit(() -> client.nodes().resource(node).create()));
            }
            for (Future<?> f : created) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the simulated nodes: " + e.getMessage(), e);
        } finally {
            pool.shutdown();
        }
    }

    /** How many simulated nodes are Ready; -1 while the API server does not answer. */
    static int ready(KubernetesClient client, Predicate<Node> isReady) {
        try {
            return (int) client.nodes().withLabel("type", "kwok").list().getItems().stream().filter(isReady).count();
        } catch (KubernetesClientException e) {
            return -1;
        }
    }
}
