package dev.mutineer.cluster.node;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentControl;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.Poll;
import dev.mutineer.cluster.local.LocalCluster;
import dev.mutineer.cluster.netns.ChildProcess;
import dev.mutineer.cluster.netns.NetworkNamespace;
import dev.mutineer.cluster.netns.Shell;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One real node of a local cluster: containerd, kubelet and kube-proxy (nftables mode), run inside the
 * cluster's network namespace, with its own node IP, pod CIDR (the controller-manager's), CNI bridge,
 * directories and cgroup root, so that several nodes and clusters run side by side.
 *
 * <pre>{@code
 * try (RealNode node = new RealNode("real-0").withCluster(cluster).withNetworkNamespace(ns).withNodeIp("10.200.0.1")) {
 *     node.start();
 * }
 * }</pre>
 * close() stops the daemons and removes every process, mount, cgroup and directory the node made;
 * the node registry removes the same after a JVM died (see {@link NodeRegistry}).
 *
 * <p>Its daemons are the node's {@link ComponentControl}: component faults pause, kill and restart them. No supervisor
 * starts a daemon that is down (a real node's systemd would): a killed one stays down until {@link #restart} or
 * {@link #bringBack}, as a control-plane component held down by a fault does. Killing containerd or kubelet leaves
 * the pods running: each container belongs to its shim, in a session of its own, and both daemons find them again
 * at their next start.
 */
public final class RealNode implements AutoCloseable, ComponentControl {

    private static final Logger LOG = LoggerFactory.getLogger(RealNode.class);
    private static final String CLUSTER_CIDR = "10.244.0.0/16";
    /** Ports inside the namespace, below the ephemeral range the control plane's ports come from. */
    private static final AtomicInteger NEXT_PORT = new AtomicInteger(21_000);
    private static final long STOP_GRACE_MILLIS = 10_000;
    /** How long a daemon started again by a fault or a reset may take to answer. */
    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(1);

    private final String name;
    private LocalCluster cluster;
    private NetworkNamespace ns;
    private String nodeIp;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<NodeImages.Image> images = new ArrayList<>();
    private Duration startTimeout = Duration.ofMinutes(2);
    private boolean kubeProxyEnabled = true;

    private NodeLayout layout;
    private NodeConfigs.NodeSettings settings;
    private NodeContainers containers;
    private ChildProcess containerd;
    private ChildProcess kubelet;
    private ChildProcess kubeProxy;
    private final Map<String, Long> startMillis = new LinkedHashMap<>();
    private volatile boolean closed;

    public RealNode(String name) {
        if (!name.matches("[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?")) {
            throw new IllegalArgumentException("a node name is a DNS label of at most 42 characters, got '" + name + "'");
        }
        this.name = name;
        labels.put("type", "real");
    }

    /** The started local cluster the node joins (its API server, CA, binaries and work directory). */
    public RealNode withCluster(LocalCluster cluster) {
        this.cluster = cluster;
        return this;
    }

    /** The cluster's namespace, which must hold {@link #withNodeIp the node IP}. */
    public RealNode withNetworkNamespace(NetworkNamespace ns) {
        this.ns = ns;
        return this;
    }

    public RealNode withNodeIp(String ip) {
        this.nodeIp = ip;
        return this;
    }

    public RealNode withLabel(String key, String value) {
        labels.put(key, value);
        return this;
    }

    /** An image imported into the node's containerd before kubelet starts (the pause image always is). */
    public RealNode withImage(NodeImages.Image image) {
        images.add(image);
        return this;
    }

    /**
     * Whether this node runs kube-proxy (default yes). Real nodes of a cluster share its namespace, one
     * network stack: one kube-proxy programs it for all of them, and two would rewrite the same nftables
     * table in turn, so every node after the first runs without.
     */
    public RealNode withKubeProxy(boolean enabled) {
        this.kubeProxyEnabled = enabled;
        return this;
    }

    public RealNode withStartTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return this;
    }

    /** Starts containerd, kubelet and kube-proxy and blocks until the Node is Ready. */
    public RealNode start() {
        Objects.requireNonNull(cluster, "withCluster");
        Objects.requireNonNull(ns, "withNetworkNamespace");
        Objects.requireNonNull(nodeIp, "withNodeIp");
        List<String> missing = NodePrerequisites.missing();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(NodePrerequisites.message(missing));
        }
        if (!ns.addresses().contains(nodeIp)) {
            throw new IllegalArgumentException("namespace " + ns.name() + " does not hold node IP " + nodeIp + " (it holds " + ns.addresses() + ")");
        }
        long t0 = System.nanoTime();
        long deadline = t0 + startTimeout.toNanos();
        layout = NodeLayout.of(cluster.workDir(), cluster.id(), name);
        containers = new NodeContainers(name, layout.containerdSocket(), layout.containerdState());
        settings = new NodeConfigs.NodeSettings(nodeIp, 10250, NEXT_PORT.getAndIncrement(),
                NEXT_PORT.getAndIncrement(), NEXT_PORT.getAndIncrement(), CLUSTER_CIDR, labels);
        NodeRegistry.register(layout);
        try {
            for (Path d : List.of(layout.root(), layout.configs(), layout.containerdState(), layout.cniConfDir(), layout.cniIpamDir(),
                    layout.kubeletRoot(), layout.kubeletCertDir(), layout.podLogsDir(), layout.volumePluginDir())) {
                Files.createDirectories(d);
            }
            NodeLeftovers.createCgroups(layout.cgroupRoot());

            NodeImages.Image pause = NodeImages.pause();
            Files.writeString(layout.containerdConfig(), NodeConfigs.containerdConfig(layout, pause.ref()));
            containerd = daemon("containerd", NodeConfigs.containerdCommand(layout));
            waitUntil("containerd of " + name + " answering", deadline, containerd, () -> answers(Component.CONTAINERD));
            mark("containerd", t0);
            NodeImages.importInto(layout, pause);
            for (NodeImages.Image i : images) {
                NodeImages.importInto(layout, i);
            }
            mark("images", t0);

            String clusterName = "mutineer-" + cluster.id();
            writePrivate(layout.kubeletKubeconfig(), cluster.pki().clientKubeconfig(cluster.apiserverUrl(), clusterName,
                    "system:node:" + name, "system:nodes"));
            writePrivate(layout.proxyKubeconfig(), cluster.pki().clientKubeconfig(cluster.apiserverUrl(), clusterName,
                    "system:kube-proxy"));
            Files.writeString(layout.kubeletConfig(), NodeConfigs.kubeletConfig(layout, settings, cluster.pkiFiles().caCert()));
            Files.writeString(layout.proxyConfig(), NodeConfigs.kubeProxyConfig(layout, settings));
            kubelet = daemon("kubelet", NodeConfigs.kubeletCommand(cluster.binaries().dir().resolve("kubelet"), layout, settings));

            KubernetesClient client = cluster.client();
            String[] podCidr = new String[1];
            waitUntil("node " + name + " registered with a podCIDR", deadline, kubelet, () -> {
                Node n = node(client);
                podCidr[0] = n == null || n.getSpec() == null ? null : n.getSpec().getPodCIDR();
                return podCidr[0] != null && !podCidr[0].isEmpty();
            });
            mark("registered", t0);
            // The pod network appears once the podCIDR is known, as a CNI daemonset would write it; containerd watches the dir.
            Files.writeString(layout.cniConfDir().resolve("10-mutineer.conflist"), NodeConfigs.cniConfig(layout, podCidr[0]));
            if (kubeProxyEnabled) {
                kubeProxy = daemon("kube-proxy", NodeConfigs.kubeProxyCommand(cluster.binaries().dir().resolve("kube-proxy"), layout));
            }
            waitUntil("node " + name + " Ready", deadline, kubelet, () -> ready(node(client)));
            mark("ready", t0);
            LOG.info("real node {} ({}, pod CIDR {}) Ready: {}", name, nodeIp, podCidr[0], startMillis);
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot set up real node " + name, e);
        } catch (RuntimeException e) {
            String logs = diagnostics();
            close();
            throw new IllegalStateException("real node " + name + " did not start: " + e.getMessage() + "\n" + logs, e);
        }
    }

    public String name() {
        return name;
    }

    public NodeLayout layout() {
        return layout;
    }

    /** Milliseconds from start() to each step (containerd, images, registered, ready). */
    public Map<String, Long> startMillis() {
        return Map.copyOf(startMillis);
    }

    /** The containers that run on this node now, as its containerd lists them ({@link NodeContainers}). */
    public List<NodeContainer> runningContainers() {
        if (layout == null) {
            throw new IllegalStateException("real node " + name + " is not started");
        }
        return containers.running();
    }

    /** PIDs of the node's daemons, by name. */
    public Map<String, Long> pids() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (ChildProcess p : daemons()) {
            if (p.alive()) {
                out.put(p.name().substring(name.length() + 1), p.pid());
            }
        }
        return out;
    }

    // --- ComponentControl: the node's daemons ---

    @Override
    public String backend() {
        return "real node " + name;
    }

    /** containerd, kubelet, and kube-proxy when this node runs it. */
    @Override
    public List<Component> components() {
        return kubeProxy == null ? List.of(Component.CONTAINERD, Component.KUBELET) : Component.nodeComponents();
    }

    @Override
    public ComponentState state(Component c) {
        return daemon(c).state();
    }

    @Override
    public void stop(Component c) {
        daemon(c).stop(STOP_GRACE_MILLIS);
    }

    @Override
    public void kill(Component c) {
        daemon(c).kill();
    }

    @Override
    public void pause(Component c) {
        daemon(c).pause();
    }

    @Override
    public void resume(Component c) {
        daemon(c).resume();
    }

    /** Stops the daemon if it runs, starts it with the same command line, and waits until it answers. */
    @Override
    public void restart(Component c) {
        stop(c);
        startAnswering(c);
    }

    /** This node by its name; its components are its own. */
    @Override
    public ComponentControl node(String nodeName) {
        if (!nodeName.equals(name)) {
            throw new IllegalArgumentException("real node " + name + " is not '" + nodeName + "'");
        }
        return this;
    }

    /** Continues paused and starts stopped daemons, containerd first (kubelet talks to it), each until it answers. */
    public void bringBack() {
        for (Component c : components()) {
            switch (state(c)) {
                case PAUSED -> resume(c);
                case DOWN -> startAnswering(c);
                case RUNNING -> { }
            }
        }
    }

    /** The start holds the node's lock, so that close() never races it; the wait does not, so that close() need not wait. */
    private void startAnswering(Component c) {
        ChildProcess p;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("real node " + name + " is closed");
            }
            p = daemon(c).start();
        }
        waitUntil(c.binary() + " of " + name + " answering", Poll.deadline(RESTART_TIMEOUT), p, () -> answers(c));
    }

    /** containerd: its API answers; kubelet and kube-proxy: their /healthz inside the namespace says ok. */
    private boolean answers(Component c) {
        return switch (c) {
            case CONTAINERD -> Files.exists(layout.containerdSocket())
                    && Shell.run(List.of("ctr", "--address", layout.containerdSocket().toString(), "version")).ok();
            case KUBELET -> healthz(settings.kubeletHealthzPort());
            case KUBE_PROXY -> healthz(settings.proxyHealthzPort());
            default -> throw new IllegalArgumentException(c.binary() + " is not a daemon of a real node");
        };
    }

    /** An HTTP GET inside the namespace with bash's /dev/tcp: no client beyond the node packages is needed. */
    private boolean healthz(int port) {
        String get = "exec 3<>/dev/tcp/127.0.0.1/" + port + " && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '";
        return Shell.run(ns.command(List.of("timeout", "3", "bash", "-c", get))).ok();
    }

    private ChildProcess daemon(Component c) {
        ChildProcess p = switch (c) {
            case CONTAINERD -> containerd;
            case KUBELET -> kubelet;
            case KUBE_PROXY -> kubeProxy;
            default -> throw new IllegalArgumentException(c.binary() + " is not a daemon of a real node; real node " + name
                    + " runs " + components().stream().map(Component::binary).toList());
        };
        if (p == null) {
            throw new IllegalArgumentException("real node " + name + " runs no " + c.binary() + "; it runs "
                    + components().stream().map(Component::binary).toList());
        }
        return p;
    }

    @Override
    public synchronized void close() {
        if (closed || layout == null) {
            return;
        }
        closed = true;
        List<ChildProcess> reverse = new ArrayList<>(daemons());
        java.util.Collections.reverse(reverse);
        for (ChildProcess p : reverse) {
            p.stop(5_000);
        }
        NodeLeftovers.Removed removed = NodeLeftovers.remove(layout.root(), layout.cgroupRoot());
        LOG.info("real node {} closed: killed {}, unmounted {}, removed {} cgroups", name, removed.processes(),
                removed.mounts().size(), removed.cgroups().size());
        NodeRegistry.unregister(layout);
    }

    // ---------------------------------------------------------------------------------------

    private List<ChildProcess> daemons() {
        List<ChildProcess> out = new ArrayList<>();
        for (ChildProcess p : new ChildProcess[]{containerd, kubelet, kubeProxy}) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private ChildProcess daemon(String what, List<String> argv) {
        return new ChildProcess(name + "-" + what, ns.command(argv), layout.logs(), layout.pids()).start();
    }

    private Node node(KubernetesClient client) {
        try {
            return client.nodes().withName(name).get();
        } catch (KubernetesClientException e) {
            return null;
        }
    }

    static boolean ready(Node n) {
        return n != null && n.getStatus() != null && n.getStatus().getConditions() != null
                && n.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private void mark(String step, long t0) {
        startMillis.put(step, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Polls until the condition holds; a daemon that exits meanwhile ends the wait at once, with its log. */
    private static void waitUntil(String what, long deadline, ChildProcess mustLive, Supplier<Boolean> condition) {
        Poll.until(what, deadline, () -> {
            if (condition.get()) {
                return true;
            }
            if (!mustLive.alive()) {
                throw new IllegalStateException(mustLive.name() + " exited while waiting for " + what + ":\n" + mustLive.logTail(25));
            }
            return false;
        });
    }

    private String diagnostics() {
        StringBuilder sb = new StringBuilder();
        for (ChildProcess p : daemons()) {
            sb.append("--- ").append(p.name()).append(" (").append(p.log()).append(") ---\n").append(p.logTail(15)).append('\n');
        }
        return sb.toString();
    }

    private static void writePrivate(Path p, String content) throws IOException {
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
}
