package dev.mutineer.cluster.node;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.local.LocalCluster;
import dev.mutineer.cluster.netns.NetworkNamespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The real nodes of one local cluster, {@code real-node-0} .. {@code real-node-(n-1)}, in its network namespace:
 * started in order (only the first runs kube-proxy: the nodes share the namespace's one network stack), closed in
 * reverse. Every node gets the pause and http-echo images.
 */
public final class RealNodes implements AutoCloseable {

    public static final String NAME_PREFIX = "real-node-";
    /** The label {@link RealNode} gives its Node (kwok nodes have type=kwok). */
    public static final String TYPE_LABEL_VALUE = "real";
    /** The most real nodes one cluster runs (node IPs 10.200.0.1 .. .8; each node costs about 150 MiB idle). */
    public static final int MAX = 8;

    private final List<RealNode> nodes = new ArrayList<>();

    private RealNodes() {
    }

    /** The node IPs of {@code n} real nodes, held by the namespace's bridge: 10.200.0.1 and up. */
    public static List<String> nodeIps(int n) {
        if (n < 0 || n > MAX) {
            throw new IllegalArgumentException("real nodes: 0 to " + MAX + ", got " + n);
        }
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ips.add("10.200.0." + (i + 1));
        }
        return ips;
    }

    /**
     * The names of the nodes, of {@code n} real nodes, that run a node component, in start order: containerd and
     * kubelet run on each, kube-proxy on the first only; a control-plane component on none. Campaign validation and
     * planning use it before any cluster starts.
     */
    public static List<String> running(Component component, int n) {
        if (!component.onNode()) {
            return List.of();
        }
        int count = component == Component.KUBE_PROXY ? Math.min(n, 1) : n;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(NAME_PREFIX + i);
        }
        return out;
    }

    /** Starts {@code n} nodes that join the started {@code cluster}; on a failure closes those already started. */
    public static RealNodes start(LocalCluster cluster, NetworkNamespace ns, int n) {
        RealNodes out = new RealNodes();
        List<String> ips = nodeIps(n);
        NodeImages.Image echo = n > 0 ? NodeImages.httpEcho() : null;
        try {
            for (int i = 0; i < n; i++) {
                out.nodes.add(new RealNode(NAME_PREFIX + i).withCluster(cluster).withNetworkNamespace(ns)
                        .withNodeIp(ips.get(i)).withImage(echo).withKubeProxy(running(Component.KUBE_PROXY, n).contains(NAME_PREFIX + i)).start());
            }
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    public List<RealNode> nodes() {
        return List.copyOf(nodes);
    }

    /** How many real nodes report Ready; -1 while the API server does not answer. */
    public static int ready(KubernetesClient client) {
        try {
            return (int) client.nodes().withLabel("type", TYPE_LABEL_VALUE).list().getItems().stream()
                    .filter(RealNode::ready).count();
        } catch (KubernetesClientException e) {
            return -1;
        }
    }

    /** Closes the nodes in reverse start order (the first one, with kube-proxy, last). */
    @Override
    public void close() {
        List<RealNode> reverse = new ArrayList<>(nodes);
        Collections.reverse(reverse);
        for (RealNode n : reverse) {
            n.close();
        }
    }
}
