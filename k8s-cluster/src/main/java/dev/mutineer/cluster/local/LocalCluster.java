package dev.mutineer.cluster.local;

import dev.mutineer.cluster.AbstractCluster;
import dev.mutineer.cluster.ClusterConfig;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentExit;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.EtcdAccess;
import dev.mutineer.cluster.Poll;
import dev.mutineer.cluster.TlsIdentity;
import dev.mutineer.cluster.netns.NetworkNamespace;
import dev.mutineer.cluster.node.NodePrerequisites;
import dev.mutineer.cluster.node.NodeRegistry;
import dev.mutineer.cluster.node.RealNodes;
import dev.mutineer.cluster.traffic.Traffic;
import dev.mutineer.cluster.traffic.TrafficGenerator;
import dev.mutineer.cluster.traffic.TrafficTarget;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default backend: real etcd, kube-apiserver, kube-controller-manager, kube-scheduler and
 * kwok as child processes on 127.0.0.1, with simulated nodes and pods.
 *
 * <pre>{@code
 * try (LocalCluster cluster = new LocalCluster().withNodes(3)) {
 *     cluster.start();
 *     cluster.client().pods().inNamespace("default").list();
 * }
 * }</pre>
 *
 * <p>This class orchestrates; the parts are {@link LocalWorkDir} (files), {@link Pki}, {@link CommandLines}
 * (each component's argv from a {@link ControlPlaneLayout}), {@link ProcessTable} (the processes),
 * {@link HealthProbes}, {@link SimulatedNodes}, {@link ProbePod} and {@link ProcessReaper} (nothing outlives the JVM).
 *
 * <p>With {@link #withRealNodes real nodes} (issue 11) everything runs inside a network namespace of the cluster's
 * own ({@link NetworkNamespace}), which this JVM reaches through {@link ComponentRelays}; the real nodes
 * ({@link RealNodes}) join beside the kwok nodes, which then carry a NoSchedule taint.
 */
public final class LocalCluster extends AbstractCluster<LocalCluster> {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    static final String NODE_PREFIX = SimulatedNodes.NAME_PREFIX;
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(1);
    /** Reverse start order: clients of the API server first, etcd last. */
    private static final List<Component> CLOSE_ORDER = List.of(Component.KWOK, Component.SCHEDULER,
            Component.CONTROLLER_MANAGER, Component.APISERVER, Component.ETCD);
    private static final Map<Component, Long> CLOSE_GRACE_MILLIS = Map.of(Component.ETCD, 5_000L);

    private boolean leaderElection;
    private Optional<URI> etcdServersForApiserver = Optional.empty();
    private Optional<EtcdInterposerStart> etcdInterposer = Optional.empty();
    private int realNodeCount;
    private Optional<NetworkNamespace> givenNetns = Optional.empty();
    private RestartBackOff restartBackOff = RestartBackOff.KUBELET; // supervision (see Supervisor)

    private LocalWorkDir workDir;
    private Binaries binaries;
    private ComponentPorts ports;
    private ControlPlaneLayout layout;
    private ProcessTable processes;
    private HealthProbes health;
    private volatile LocalComponents components;
    private Pki pki;
    private Pki.PkiFiles pkiFiles;
    private Path componentKubeconfig;
    // Real nodes only: the namespace, this JVM's relays into it, the nodes. Closed by close() in reverse.
    private volatile NetworkNamespace netns;
    private volatile ComponentRelays relays;
    private volatile RealNodes realNodes;
    private final List<TrafficGenerator> traffic = new ArrayList<>(); // guarded by this; closed first by close()
    // Written by start(), read by close() on a shutdown hook's thread.
    private volatile Process watchdog;
    private Thread shutdownHook;
    private boolean closed;

    public LocalCluster() {
        super(3, DEFAULT_START_TIMEOUT, CommandLines.ETCD_TXN_LIMITS);
    }

    @Override
    protected LocalCluster self() {
        return this;
    }

    @Override
    protected void checkNodes(int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("a local cluster needs at least one node, got " + nodes);
        }
    }

    /** Leader election for controller-manager and scheduler; off by default so a restart takes over at once. */
    public LocalCluster withLeaderElection(boolean enabled) {
        this.leaderElection = enabled;
        return this;
    }

    /** Points the API server's --etcd-servers somewhere else than etcd itself, e.g. at an interposer. */
    public LocalCluster withEtcdServersForApiserver(URI uri) {
        this.etcdServersForApiserver = Optional.of(uri);
        return this;
    }

    /**
     * Starts something between the API server and etcd once etcd is healthy: called before the API server starts,
     * it returns the URL the API server's --etcd-servers gets. etcd's port and certificates only exist once
     * {@link #start()} made them, so a fixed URI cannot do this. The caller owns what it started and stops it after
     * {@link #close()}.
     */
    public LocalCluster withEtcdInterposer(EtcdInterposerStart startInterposer) {
        this.etcdInterposer = Optional.of(startInterposer);
        return this;
    }

    /** How an interposer is started in front of this cluster's etcd (see {@link #withEtcdInterposer}). */
    @FunctionalInterface
    public interface EtcdInterposerStart {
        /**
         * @param etcd    etcd itself, with mutineer's client certificate
         * @param serving the certificate (of etcd's CA, for 127.0.0.1) to serve the API server, and the CA its
         *                client certificate is checked by
         * @return the URL the API server reaches the interposer at
         */
        URI start(EtcdAccess etcd, TlsIdentity serving);
    }

    /**
     * Adds {@code n} real nodes (containerd, kubelet, kube-proxy; 0 to {@value RealNodes#MAX}) beside the kwok nodes.
     * The whole cluster then runs in a network namespace it creates, the kwok nodes carry the taint
     * {@code kwok.x-k8s.io/node=fake:NoSchedule}, and start() needs root and the node packages
     * ({@link NodePrerequisites}). Not with an etcd interposer: that listens on the host's loopback.
     */
    public LocalCluster withRealNodes(int n) {
        RealNodes.nodeIps(n); // checks the range
        this.realNodeCount = n;
        return this;
    }

    /**
     * Runs the control plane inside {@code ns}, which the caller created and closes after this cluster (tests that
     * start {@link dev.mutineer.cluster.node.RealNode}s themselves). {@link #withRealNodes} creates its own instead.
     */
    public LocalCluster withNetworkNamespace(NetworkNamespace ns) {
        this.givenNetns = Optional.of(ns);
        return this;
    }

    public int realNodeCount() {
        return realNodeCount;
    }

    // --- supervision: a component that exits by itself is started again (Supervisor) ---
    /** The supervisor's back-off between restarts of an exited component; kubelet's by default. */
    public LocalCluster withRestartBackOff(RestartBackOff backOff) {
        this.restartBackOff = backOff;
        return this;
    }

    @Override
    public List<ComponentExit> exits() {
        return processes == null ? List.of() : processes.exits();
    }
    // --- end of supervision ---

    public static LocalCluster from(ClusterConfig config) {
        return new LocalCluster().configure(config).withRealNodes(config.realNodes());
    }

    /** A simulated node as the cluster creates them (kwok runs it: annotation kwok.x-k8s.io/node=fake); create more to add nodes. */
    public static Node simulatedNode(String name) {
        return SimulatedNodes.node(name);
    }

    /** Starts every component and blocks until the cluster is Ready (see {@link #awaitReady}). */
    @Override
    public LocalCluster start() {
        synchronized (this) {
            if (workDir != null) {
                throw new IllegalStateException("LocalCluster " + id() + " was already started");
            }
            if (closed) {
                // e.g. Ctrl-C's hook closed it while it was being set up: starting now would outlive that hook
                throw new IllegalStateException("LocalCluster was closed before it started; not starting it");
            }
            boolean inNamespace = realNodeCount > 0 || givenNetns.isPresent();
            if (inNamespace && (etcdInterposer.isPresent() || etcdServersForApiserver.isPresent())) {
                throw new IllegalStateException("real nodes run the control plane in a network namespace, where an etcd"
                        + " interposer on the host's loopback cannot be reached; use one or the other");
            }
            if (realNodeCount > 0) {
                List<String> missing = NodePrerequisites.missing();
                if (!missing.isEmpty()) {
                    throw new IllegalStateException(NodePrerequisites.message(missing));
                }
            }
            workDir = LocalWorkDir.create(workDirParent());
            processes = new ProcessTable(workDir.path(), id(), restartBackOff);
            ports = ComponentPorts.allocate();
        }
        long t0 = System.nanoTime();
        try {
            // Real nodes of dead JVMs first: their containers, shims, mounts and cgroups are not the process reaper's.
            NodeRegistry.reapOrphans();
            List<Long> reaped = ProcessReaper.reapOrphans();
            if (!reaped.isEmpty()) {
                LOG.warn("reaped {} processes left over by clusters whose JVM died: {}", reaped.size(), reaped);
            }
            binaries = Binaries.resolve();
            ProcessReaper.register(id(), workDir.path(), keepWorkDir());
            watchdog = ProcessReaper.startWatchdog(workDir.path());
            shutdownHook = new Thread(this::close, "mutineer-cluster-shutdown-" + id());
            Runtime.getRuntime().addShutdownHook(shutdownHook);

            pki = Pki.generate();
            componentKubeconfig = workDir.writeKubeconfig(pki, apiserverUrl());
            workDir.writeKwokStages();
            pkiFiles = workDir.writePki(pki);
            layout = ControlPlaneLayout.direct(binaries, workDir.path(), ports, pkiFiles, componentKubeconfig,
                    featureGates(), leaderElection);
            if (etcdServersForApiserver.isPresent()) {
                layout = layout.withEtcdServers(etcdServersForApiserver.get());
            }
            // Where this JVM reaches the components: their own ports, or in a namespace their relays'.
            ComponentPorts reachable = ports;
            Path kubeconfig = componentKubeconfig;
            if (realNodeCount > 0 || givenNetns.isPresent()) {
                netns = givenNetns.orElseGet(() -> NetworkNamespace.create(workDir.id().replaceFirst("^mutineer-", ""),
                        RealNodes.nodeIps(realNodeCount), CommandLines.SERVICE_CIDR));
                layout = layout.inNetworkNamespace(netns.name());
                relays = ComponentRelays.open(netns, ports, workDir.path());
                reachable = relays.reachable(ports); // never released: only the cluster's own ports are
                kubeconfig = workDir.writeHostKubeconfig(pki, "https://127.0.0.1:" + reachable.apiserver());
            }
            health = new HealthProbes(reachable, pki.adminSslContext(), pki.etcdSslContext());
            components = new LocalComponents(processes, health, this::realNodes);

            long deadline = Poll.deadline(startTimeout());
            define(Component.ETCD);
            processes.start(Component.ETCD);
            if (etcdInterposer.isPresent()) {
                health.await(processes.process(Component.ETCD), deadline);
                layout = layout.withEtcdServers(etcdInterposer.get().start(
                        EtcdAccess.mutualTls(URI.create(etcdUrl()), pkiFiles.etcd().mutineerClient()), pkiFiles.etcd().interposer()));
            }
            for (Component c : List.of(Component.APISERVER, Component.CONTROLLER_MANAGER, Component.SCHEDULER, Component.KWOK)) {
                define(c);
            }
            // The API server starts alongside etcd (it retries its etcd connection). The API
            // server's clients wait for it to be ready: kube-controller-manager gives up after
            // 10 s of an unhealthy API server, which a loaded 2-core machine can exceed.
            processes.start(Component.APISERVER);
            KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig(kubeconfig)).build();
            // TLS end to end: a relay (real nodes) passes the bytes on, and the certificates name 127.0.0.1 on both sides.
            reachableAt(client, kubeconfig, EtcdAccess.mutualTls(URI.create(ControlPlaneLayout.etcdUrl(reachable)),
                    pkiFiles.etcd().mutineerClient()), components);
            health.await(processes.process(Component.ETCD), deadline);
            health.await(processes.process(Component.APISERVER), deadline);
            long apiserverReady = System.nanoTime();
            for (Component c : List.of(Component.CONTROLLER_MANAGER, Component.SCHEDULER, Component.KWOK)) {
                processes.start(c);
            }
            SimulatedNodes.create(client, nodeCount(), realNodeCount > 0);
            awaitReady(Poll.remaining(deadline));
            long nodesReady = System.nanoTime();
            ProbePod.run(client, deadline, realNodeCount > 0);
            long probed = System.nanoTime();
            if (realNodeCount > 0) {
                realNodes = RealNodes.start(this, netns, realNodeCount);
                awaitReady(Poll.remaining(deadline));
            }
            String real = realNodeCount == 0 ? "" : ", " + realNodeCount + " real nodes Ready +" + (System.nanoTime() - probed) / 1_000_000
                    + " ms, in network namespace " + netns.name();
            LOG.info("local cluster {} ready with {} nodes in {} ms (apiserver ready after {} ms, nodes Ready +{} ms, probe pod +{} ms{};"
                            + " apiserver {}, etcd {})",
                    id(), nodeCount(), (System.nanoTime() - t0) / 1_000_000, (apiserverReady - t0) / 1_000_000,
                    (nodesReady - apiserverReady) / 1_000_000, (probed - nodesReady) / 1_000_000, real, apiserverUrl(), etcdUrl());
            return this;
        } catch (UncheckedIOException e) {
            close();
            throw new UncheckedIOException("cannot set up local cluster in " + workDir.path(), e.getCause());
        } catch (RuntimeException e) {
            String logs = "\nwork directory: " + workDir.path() + processes.diagnostics(8);
            close();
            throw new IllegalStateException("local cluster did not start: " + e.getMessage() + logs, e);
        }
    }

    private void define(Component c) {
        processes.define(c, CommandLines.of(c, layout));
    }

    @Override
    public String backend() {
        return ClusterConfig.LOCAL;
    }

    /** The URL etcd itself listens on, even when the API server talks to an interposer. */
    public String etcdUrl() {
        return ControlPlaneLayout.etcdUrl(ports);
    }

    public String apiserverUrl() {
        return "https://127.0.0.1:" + ports.apiserver();
    }

    public String id() {
        return workDir == null ? "(not started)" : workDir.id();
    }

    public Binaries binaries() {
        return binaries;
    }

    /** The cluster's CA and admin identity, for real nodes' client certificates. */
    public Pki pki() {
        requireStarted();
        return pki;
    }

    public Pki.PkiFiles pkiFiles() {
        requireStarted();
        return pkiFiles;
    }

    /** The network namespace the cluster runs in (real nodes only): enter it with {@code nsenter --net=/var/run/netns/NAME}. */
    public Optional<NetworkNamespace> networkNamespace() {
        return Optional.ofNullable(netns);
    }

    /**
     * The admin kubeconfig the components use, naming the API server's own address: inside the network namespace
     * when the cluster has one (from the host, use {@link #kubeconfig()}, which names this JVM's relay).
     */
    public Path componentKubeconfig() {
        requireStarted();
        return componentKubeconfig;
    }

    /** The real nodes, in start order; empty without. */
    public List<dev.mutineer.cluster.node.RealNode> realNodes() {
        RealNodes r = realNodes;
        return r == null ? List.of() : r.nodes();
    }

    @Override
    public Map<String, List<dev.mutineer.cluster.node.NodeContainer>> realNodeContainers() {
        Map<String, List<dev.mutineer.cluster.node.NodeContainer>> out = new LinkedHashMap<>();
        for (dev.mutineer.cluster.node.RealNode n : realNodes()) {
            out.put(n.name(), n.runningContainers());
        }
        return out;
    }

    @Override
    public Optional<Path> log(Component component) {
        if (processes == null || component.onNode() || !components().contains(component)) {
            return Optional.empty();
        }
        return Optional.of(processes.process(component).log());
    }

    /** PIDs of the running component processes (and the watchdog), for leak checks. */
    public Map<String, Long> pids() {
        Map<String, Long> out = new LinkedHashMap<>(processes == null ? Map.of() : processes.pids());
        if (watchdog != null) {
            out.put("watchdog", watchdog.pid());
        }
        return out;
    }

    /**
     * Starts a {@link TrafficGenerator} inside the cluster's network namespace against the target Service's ClusterIP
     * (read through the API: there is no cluster DNS), so every request goes through kube-proxy and no packet leaves
     * the namespace. close() stops it, and so does the cluster's watchdog or the next start's reaper.
     */
    @Override
    public synchronized Traffic startTraffic(TrafficTarget target) {
        if (realNodeCount == 0) {
            throw new UnsupportedOperationException("client traffic needs real nodes (withRealNodes, cluster.realNodes):"
                    + " kwok nodes run no container and no Service data plane; this local cluster has none");
        }
        requireStarted();
        if (closed || realNodes == null) {
            throw new IllegalStateException("LocalCluster " + id() + " is closed or its real nodes did not start");
        }
        Service service = client().services().inNamespace(target.namespace()).withName(target.service()).get();
        if (service == null) {
            throw new IllegalArgumentException("traffic target: no Service " + target.namespace() + "/" + target.service());
        }
        String clusterIp = service.getSpec().getClusterIP();
        if (clusterIp == null || clusterIp.isEmpty() || "None".equals(clusterIp)) {
            throw new IllegalArgumentException("traffic target: Service " + target.namespace() + "/" + target.service()
                    + " has no ClusterIP (" + clusterIp + "); a headless Service is not reached through kube-proxy");
        }
        Path seconds = workDir.path().resolve("traffic")
                .resolve(target.namespace() + "-" + target.service() + "-" + (traffic.size() + 1) + ".jsonl");
        TrafficGenerator g = TrafficGenerator.start(target, clusterIp, netns::command, workDir.path().resolve("logs"),
                workDir.path().resolve("pids"), seconds);
        traffic.add(g);
        return g;
    }

    /** The control plane's components, then the daemons its real nodes run (none before start). */
    @Override
    public List<Component> components() {
        LocalComponents c = components;
        return c == null ? LocalComponents.ALL : c.components();
    }

    /** Whether a component's own health endpoint answers ok. */
    boolean healthy(Component c) {
        return health.healthy(c);
    }

    @Override
    public void awaitReady(Duration timeout) {
        requireStarted();
        long deadline = Poll.deadline(timeout);
        for (Component c : Component.controlPlane()) {
            ComponentProcess p = processes.process(c);
            if (p.state() != ComponentState.RUNNING) {
                throw new IllegalStateException(c.binary() + " is " + p.state()
                        + "\n--- " + c.binary() + " log ---\n" + p.logTail(20));
            }
        }
        Poll.until("kube-apiserver /readyz", deadline, () -> healthy(Component.APISERVER));
        Poll.until(nodeCount() + " nodes Ready", deadline,
                () -> SimulatedNodes.ready(client(), AbstractCluster::isReady) >= nodeCount());
        if (realNodes != null) {
            for (dev.mutineer.cluster.node.RealNode n : realNodes.nodes()) {
                for (Component c : n.components()) {
                    if (n.state(c) != ComponentState.RUNNING) {
                        throw new IllegalStateException(c.binary() + " of real node " + n.name() + " is " + n.state(c));
                    }
                }
            }
            Poll.until(realNodeCount + " real nodes Ready", deadline, () -> RealNodes.ready(client()) >= realNodeCount);
        }
    }

    @Override
    protected void bringComponentsBack() {
        components.bringBack();
    }

    @Override
    protected Duration restoreTimeout() {
        return RESTORE_TIMEOUT;
    }

    @Override
    public Path workDir() {
        return workDir == null ? null : workDir.path();
    }

    @Override
    public synchronized void close() {
        if (closed || workDir == null) {
            closed = true;
            return;
        }
        closed = true;
        traffic.forEach(TrafficGenerator::close); // a client of the workload: before the nodes that serve it
        closeClient();
        if (realNodes != null) {
            realNodes.close(); // their kubelets are clients of the API server; their logs sit in the work directory
        }
        processes.close(CLOSE_ORDER, CLOSE_GRACE_MILLIS);
        if (relays != null) {
            relays.close();
        }
        ProcessReaper.killClusterProcesses(workDir.path());
        if (netns != null && givenNetns.isEmpty()) {
            netns.close(); // kills whatever still runs in it
        }
        if (watchdog != null) {
            watchdog.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            watchdog.destroyForcibly();
        }
        if (!keepWorkDir()) {
            ProcessReaper.deleteRecursively(workDir.path());
        } else {
            LOG.info("kept work directory of cluster {}: {}", id(), workDir.path());
        }
        ProcessReaper.unregister(id());
        if (ports != null) {
            ports.release();
        }
        if (shutdownHook != null && !Thread.currentThread().equals(shutdownHook)) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // The JVM is already shutting down.
            }
        }
    }

    @Override
    protected void requireStarted() {
        if (workDir == null) {
            throw new IllegalStateException("LocalCluster is not started; call start() first");
        }
    }

    // ---------------------------------------------------------------------------------------

    private static Config clientConfig(Path kubeconfig) {
        try {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
            config.setRequestTimeout(15_000);
            config.setConnectionTimeout(5_000);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
