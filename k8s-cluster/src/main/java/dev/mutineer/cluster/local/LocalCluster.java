package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.ClusterConfig;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.EtcdAccess;
import dev.mutineer.cluster.SteadyState;
import dev.mutineer.cluster.netns.NamespacePort;
import dev.mutineer.cluster.netns.NetworkNamespace;
import dev.mutineer.cluster.node.NodeRegistry;
import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

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
 */
public final class LocalCluster implements Cluster {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    static final String NODE_PREFIX = "kwok-node-";
    private static final String CLUSTER_CIDR = "10.244.0.0/16";
    private static final String SERVICE_CIDR = "10.96.0.0/16";
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);

    private int nodes = 3;
    private final Map<String, Boolean> featureGates = new LinkedHashMap<>();
    private Optional<Path> workDirParent = Optional.empty();
    private boolean keepWorkDir;
    private boolean leaderElection;
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private Optional<URI> etcdServersForApiserver = Optional.empty();
    private Optional<java.util.function.Function<URI, URI>> etcdInterposer = Optional.empty();
    // --- real nodes (issue 11): begin ---
    private Optional<NetworkNamespace> netns = Optional.empty();
    /** In a namespace: this JVM's way to each component's port (API server, etcd, health probes). */
    private final Map<Component, NamespacePort> relays = new EnumMap<>(Component.class);
    /** The kubeconfig for this JVM and the user: the components' one, or in a namespace one naming the relay. */
    private Path userKubeconfig;
    // --- real nodes (issue 11): end ---

    private Path workDir;
    private String id;
    private Binaries binaries;
    private Pki pki;
    private Pki.PkiFiles pkiFiles;
    private Path kubeconfig;
    private final Map<Component, ComponentProcess> processes = new EnumMap<>(Component.class);
    private final Map<Component, Integer> ports = new EnumMap<>(Component.class);
    private final Map<Component, String> lastHealthError = new java.util.concurrent.ConcurrentHashMap<>();
    private int etcdPeerPort;
    private KubernetesClient client;
    private HttpClient adminHttp;
    private Process watchdog;
    private SteadyState steadyState;
    private Thread shutdownHook;
    private volatile boolean closed;

    public LocalCluster withNodes(int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("a local cluster needs at least one node, got " + nodes);
        }
        this.nodes = nodes;
        return this;
    }

    public LocalCluster withFeatureGate(String gate, boolean enabled) {
        featureGates.put(gate, enabled);
        return this;
    }

    public LocalCluster withFeatureGates(Map<String, Boolean> gates) {
        featureGates.putAll(gates);
        return this;
    }

    /** Parent directory of the cluster's work directory (default: the system temp directory). */
    public LocalCluster withWorkDir(Path parent) {
        this.workDirParent = Optional.of(parent);
        return this;
    }

    public LocalCluster withKeepWorkDir(boolean keep) {
        this.keepWorkDir = keep;
        return this;
    }

    /** Leader election for controller-manager and scheduler; off by default so a restart takes over at once. */
    public LocalCluster withLeaderElection(boolean enabled) {
        this.leaderElection = enabled;
        return this;
    }

    public LocalCluster withStartTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return this;
    }

    /** Points the API server's --etcd-servers somewhere else than etcd itself, e.g. at an interposer. */
    public LocalCluster withEtcdServersForApiserver(URI uri) {
        this.etcdServersForApiserver = Optional.of(uri);
        return this;
    }

    /**
     * Starts something between the API server and etcd once etcd is healthy: called with etcd's
     * URL before the API server starts, it returns the URL the API server's --etcd-servers gets.
     * etcd's port is only allocated by {@link #start()}, so a fixed URI cannot do this. The caller
     * owns what the function started and stops it after {@link #close()}.
     */
    public LocalCluster withEtcdInterposer(java.util.function.Function<URI, URI> startInterposer) {
        this.etcdInterposer = Optional.of(startInterposer);
        return this;
    }

    // --- real nodes (issue 11): begin ---
    /**
     * Runs the whole control plane inside {@code ns} (the caller creates and closes it, after this
     * cluster): every component's argv enters it, and this JVM reaches the API server, etcd and the health
     * endpoints through {@link NamespacePort} relays. Without it the cluster runs unprivileged on the host.
     */
    public LocalCluster withNetworkNamespace(NetworkNamespace ns) {
        this.netns = Optional.of(ns);
        return this;
    }

    public Pki pki() {
        requireStarted();
        return pki;
    }

    public Pki.PkiFiles pkiFiles() {
        requireStarted();
        return pkiFiles;
    }

    /** The 127.0.0.1 port on which this JVM reaches a component: its own, or its relay's in a namespace. */
    private int reachablePort(Component c) {
        NamespacePort relay = relays.get(c);
        return relay != null ? relay.localPort() : ports.get(c);
    }
    // --- real nodes (issue 11): end ---

    public static LocalCluster from(ClusterConfig config) {
        LocalCluster c = new LocalCluster().withNodes(config.nodes()).withFeatureGates(config.featureGates())
                .withKeepWorkDir(config.keepWorkDir());
        config.workDir().ifPresent(c::withWorkDir);
        return c;
    }

    /** Starts every component and blocks until the cluster is Ready (see {@link #awaitReady}). */
    @Override
    public LocalCluster start() {
        if (workDir != null) {
            throw new IllegalStateException("LocalCluster " + id + " was already started");
        }
        long t0 = System.nanoTime();
        NodeRegistry.reapOrphans(); // real nodes (issue 11): unmount what dead nodes left before work dirs are deleted
        List<Long> reaped = ProcessReaper.reapOrphans();
        if (!reaped.isEmpty()) {
            LOG.warn("reaped {} processes left over by clusters whose JVM died: {}", reaped.size(), reaped);
        }
        binaries = Binaries.resolve();
        try {
            Path parent = workDirParent.orElse(Path.of(System.getProperty("java.io.tmpdir")));
            Files.createDirectories(parent);
            workDir = Files.createTempDirectory(parent, "mutineer-local-").toAbsolutePath();
            id = workDir.getFileName().toString();
            Files.createDirectories(workDir.resolve("logs"));
            ProcessReaper.register(id, workDir, keepWorkDir);
            watchdog = ProcessReaper.startWatchdog(workDir);
            shutdownHook = new Thread(this::close, "mutineer-cluster-shutdown-" + id);
            Runtime.getRuntime().addShutdownHook(shutdownHook);

            pki = Pki.generate();
            pkiFiles = pki.writeTo(workDir.resolve("pki"));
            for (Component c : Component.values()) {
                ports.put(c, Ports.free());
            }
            etcdPeerPort = Ports.free();
            // --- real nodes (issue 11): begin ---
            if (netns.isPresent()) {
                for (Component c : Component.values()) {
                    relays.put(c, NamespacePort.open(netns.get(), "127.0.0.1", ports.get(c),
                            workDir.resolve("ports").resolve(c.binary() + ".sock"), workDir.resolve("logs"), workDir.resolve("pids")));
                }
            }
            // --- real nodes (issue 11): end ---
            kubeconfig = workDir.resolve("kubeconfig.yaml");
            Files.writeString(kubeconfig, pki.adminKubeconfig(apiserverUrl(), "mutineer-" + id));
            Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-------"));
            // --- real nodes (issue 11): begin ---
            userKubeconfig = kubeconfig;
            if (netns.isPresent()) {
                userKubeconfig = workDir.resolve("kubeconfig-host.yaml");
                Files.writeString(userKubeconfig, pki.adminKubeconfig("https://127.0.0.1:" + reachablePort(Component.APISERVER),
                        "mutineer-" + id));
                Files.setPosixFilePermissions(userKubeconfig, PosixFilePermissions.fromString("rw-------"));
            }
            // --- real nodes (issue 11): end ---
            try (InputStream in = LocalCluster.class.getResourceAsStream("kwok-stages.yaml")) {
                Files.copy(in, workDir.resolve("kwok-stages.yaml"));
            }
            // HTTP/1.1: JDK 17's HTTP/2 client keeps failing with "GOAWAY received" once a probed component restarted.
            adminHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(pki.adminSslContext())
                    .connectTimeout(Duration.ofSeconds(2)).build();
            for (Component c : Component.values()) {
                processes.put(c, new ComponentProcess(c, command(c), workDir));
            }

            long deadline = System.nanoTime() + startTimeout.toNanos();
            startProcess(Component.ETCD);
            if (etcdInterposer.isPresent()) {
                waitHealthy(Component.ETCD, deadline);
                etcdServersForApiserver = Optional.of(etcdInterposer.get().apply(URI.create(etcdUrl())));
                processes.put(Component.APISERVER, new ComponentProcess(Component.APISERVER, command(Component.APISERVER), workDir));
            }
            // The API server starts alongside etcd (it retries its etcd connection). The API
            // server's clients wait for it to be ready: kube-controller-manager gives up after
            // 10 s of an unhealthy API server, which a loaded 2-core machine can exceed.
            startProcess(Component.APISERVER);
            client = new KubernetesClientBuilder().withConfig(clientConfig()).build();
            waitHealthy(Component.ETCD, deadline);
            waitHealthy(Component.APISERVER, deadline);
            long apiserverReady = System.nanoTime();
            for (Component c : List.of(Component.CONTROLLER_MANAGER, Component.SCHEDULER, Component.KWOK)) {
                startProcess(c);
            }
            createNodes();
            awaitReady(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            long nodesReady = System.nanoTime();
            probePod(deadline);
            LOG.info("local cluster {} ready with {} nodes in {} ms (apiserver ready after {} ms, nodes Ready +{} ms, probe pod +{} ms; apiserver {}, etcd {})",
                    id, nodes, (System.nanoTime() - t0) / 1_000_000, (apiserverReady - t0) / 1_000_000,
                    (nodesReady - apiserverReady) / 1_000_000, (System.nanoTime() - nodesReady) / 1_000_000,
                    apiserverUrl(), etcd().primaryEndpoint());
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot set up local cluster in " + workDir, e);
        } catch (RuntimeException e) {
            String logs = workDir == null ? "" : "\n" + diagnostics();
            close();
            throw new IllegalStateException("local cluster did not start: " + e.getMessage() + logs, e);
        }
    }

    @Override
    public String backend() {
        return ClusterConfig.LOCAL;
    }

    @Override
    public KubernetesClient client() {
        requireStarted();
        return client;
    }

    @Override
    public Path kubeconfig() {
        requireStarted();
        return userKubeconfig; // real nodes (issue 11)
    }

    @Override
    public EtcdAccess etcd() {
        requireStarted();
        return EtcdAccess.plain(URI.create("http://127.0.0.1:" + reachablePort(Component.ETCD))); // real nodes (issue 11)
    }

    /** The URL etcd itself listens on, even when the API server talks to an interposer. */
    public String etcdUrl() {
        return "http://127.0.0.1:" + ports.get(Component.ETCD);
    }

    public String apiserverUrl() {
        return "https://127.0.0.1:" + ports.get(Component.APISERVER);
    }

    public String id() {
        return id;
    }

    public int nodeCount() {
        return nodes;
    }

    public Binaries binaries() {
        return binaries;
    }

    /** PIDs of the running component processes (and the watchdog), for leak checks. */
    public Map<String, Long> pids() {
        Map<String, Long> out = new LinkedHashMap<>();
        processes.forEach((c, p) -> {
            if (p.pid() > 0) {
                out.put(c.binary(), p.pid());
            }
        });
        if (watchdog != null) {
            out.put("watchdog", watchdog.pid());
        }
        return out;
    }

    @Override
    public List<Component> components() {
        return List.of(Component.values());
    }

    @Override
    public ComponentState state(Component component) {
        requireStarted();
        return processes.get(component).state();
    }

    @Override
    public void stop(Component component) {
        requireStarted();
        processes.get(component).stop(10_000);
    }

    @Override
    public void kill(Component component) {
        requireStarted();
        processes.get(component).kill();
    }

    @Override
    public void pause(Component component) {
        requireStarted();
        processes.get(component).pause();
    }

    @Override
    public void resume(Component component) {
        requireStarted();
        processes.get(component).resume();
    }

    @Override
    public void restart(Component component) {
        requireStarted();
        ComponentProcess p = processes.get(component);
        p.stop(10_000);
        startAndWait(component, System.nanoTime() + Duration.ofMinutes(1).toNanos());
    }

    @Override
    public void awaitReady(Duration timeout) {
        requireStarted();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Component c : Component.values()) {
            if (processes.get(c).state() != ComponentState.RUNNING) {
                throw new IllegalStateException(c.binary() + " is " + processes.get(c).state()
                        + "\n--- " + c.binary() + " log ---\n" + processes.get(c).logTail(20));
            }
        }
        waitUntil("kube-apiserver /readyz", deadline, () -> healthy(Component.APISERVER));
        waitUntil(nodes + " nodes Ready", deadline, () -> readyNodes() >= nodes);
    }

    @Override
    public void saveSteadyState() {
        requireStarted();
        try (Client etcd = etcd().connect()) {
            steadyState = SteadyState.capture(etcd, etcdKeyPrefix());
        }
        LOG.info("saved steady state of {}: {} keys", id, steadyState.size());
    }

    @Override
    public void restoreSteadyState() {
        requireStarted();
        if (steadyState == null) {
            throw new IllegalStateException("no steady state saved for cluster " + id + "; call saveSteadyState() first");
        }
        // etcd first: everything else needs it, and the restore writes through it.
        for (Component c : Component.values()) {
            ensureRunning(c);
        }
        try (Client etcd = etcd().connect()) {
            SteadyState.Restored r = steadyState.restore(etcd);
            LOG.debug("restored {}: {} keys written, {} deleted", id, r.written(), r.deleted());
        }
        awaitReady(Duration.ofMinutes(1));
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public synchronized void close() {
        if (closed || workDir == null) {
            return;
        }
        closed = true;
        if (client != null) {
            client.close();
        }
        // Reverse start order: clients of the API server first, etcd last.
        for (Component c : List.of(Component.KWOK, Component.SCHEDULER, Component.CONTROLLER_MANAGER,
                Component.APISERVER, Component.ETCD)) {
            ComponentProcess p = processes.get(c);
            if (p != null) {
                p.stop(c == Component.ETCD ? 5_000 : 3_000);
            }
        }
        relays.values().forEach(NamespacePort::close); // real nodes (issue 11)
        ProcessReaper.killClusterProcesses(workDir);
        if (watchdog != null) {
            watchdog.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            watchdog.destroyForcibly();
        }
        if (!keepWorkDir) {
            ProcessReaper.deleteRecursively(workDir);
        } else {
            LOG.info("kept work directory of cluster {}: {}", id, workDir);
        }
        ProcessReaper.unregister(id);
        if (shutdownHook != null && !Thread.currentThread().equals(shutdownHook)) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // The JVM is already shutting down.
            }
        }
    }

    // ---------------------------------------------------------------------------------------

    private List<String> command(Component c) {
        Path w = workDir;
        String gates = ClusterConfig.featureGatesFlag(featureGates);
        List<String> cmd = new ArrayList<>();
        cmd.add(binaries.path(c).toString());
        switch (c) {
            case ETCD -> {
                String peer = "http://127.0.0.1:" + etcdPeerPort;
                cmd.addAll(List.of("--name=mutineer", "--data-dir=" + w.resolve("etcd-data"),
                        "--listen-client-urls=" + etcdUrl(), "--advertise-client-urls=" + etcdUrl(),
                        "--listen-peer-urls=" + peer, "--initial-advertise-peer-urls=" + peer,
                        "--initial-cluster=mutineer=" + peer,
                        // A disposable cluster needs no durability; fsync dominates write latency here.
                        "--unsafe-no-fsync=true",
                        "--quota-backend-bytes=4294967296",
                        // Steady-state restore writes many keys per transaction.
                        "--max-txn-ops=1024", "--max-request-bytes=16777216",
                        "--log-level=warn"));
            }
            case APISERVER -> {
                cmd.addAll(List.of(
                        "--etcd-servers=" + etcdServersForApiserver.map(URI::toString).orElse(etcdUrl()),
                        "--etcd-prefix=" + etcdKeyPrefix(),
                        "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
                        "--secure-port=" + ports.get(Component.APISERVER),
                        "--tls-cert-file=" + pkiFiles.serverCert(), "--tls-private-key-file=" + pkiFiles.serverKey(),
                        "--client-ca-file=" + pkiFiles.caCert(),
                        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                        "--service-account-key-file=" + pkiFiles.serviceAccountPublicKey(),
                        "--service-account-signing-key-file=" + pkiFiles.serviceAccountPrivateKey(),
                        "--service-cluster-ip-range=" + SERVICE_CIDR,
                        "--authorization-mode=Node,RBAC", "--allow-privileged=true",
                        // The "kubernetes" Service cannot have a loopback endpoint; nothing simulated needs it.
                        "--endpoint-reconciler-type=none",
                        "--profiling=false"));
                if (netns.isPresent()) { // real nodes (issue 11): logs and exec reach a kubelet by its node IP, not by a host name
                    cmd.add("--kubelet-preferred-address-types=InternalIP");
                }
            }
            case CONTROLLER_MANAGER -> cmd.addAll(List.of(
                    "--kubeconfig=" + kubeconfig,
                    "--bind-address=127.0.0.1", "--secure-port=" + ports.get(Component.CONTROLLER_MANAGER),
                    "--tls-cert-file=" + pkiFiles.serverCert(), "--tls-private-key-file=" + pkiFiles.serverKey(),
                    "--leader-elect=" + leaderElection,
                    "--allocate-node-cidrs=true", "--cluster-cidr=" + CLUSTER_CIDR, "--node-cidr-mask-size=24",
                    "--service-cluster-ip-range=" + SERVICE_CIDR,
                    "--root-ca-file=" + pkiFiles.caCert(),
                    "--service-account-private-key-file=" + pkiFiles.serviceAccountPrivateKey(),
                    "--use-service-account-credentials=false",
                    "--profiling=false"));
            case SCHEDULER -> cmd.addAll(List.of(
                    "--kubeconfig=" + kubeconfig,
                    "--bind-address=127.0.0.1", "--secure-port=" + ports.get(Component.SCHEDULER),
                    "--tls-cert-file=" + pkiFiles.serverCert(), "--tls-private-key-file=" + pkiFiles.serverKey(),
                    "--leader-elect=" + leaderElection,
                    "--profiling=false"));
            case KWOK -> cmd.addAll(List.of(
                    "--kubeconfig=" + kubeconfig,
                    "--config=" + w.resolve("kwok-stages.yaml"),
                    "--manage-all-nodes=false",
                    "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
                    "--cidr=" + CLUSTER_CIDR,
                    "--node-ip=127.0.0.1",
                    "--node-lease-duration-seconds=40",
                    "--server-address=127.0.0.1:" + ports.get(Component.KWOK)));
        }
        if (!gates.isEmpty() && c != Component.ETCD && c != Component.KWOK) {
            cmd.add("--feature-gates=" + gates);
        }
        return netns.map(ns -> ns.command(cmd)).orElse(cmd); // real nodes (issue 11)
    }

    /**
     * Starts one component's process unless the cluster is closed. close() may run on a shutdown hook (Ctrl-C)
     * while a reset restarts components; a start that came after it would find the work directory deleted and the
     * watchdog gone, and its process would outlive the JVM (seen: an etcd left running after a SIGINT mid-reset).
     * Synchronized with close(), so a start either finishes first (its PID file is written, close kills it) or fails.
     */
    private synchronized void startProcess(Component c) {
        if (closed) {
            throw new IllegalStateException("cluster " + id + " is closed; not starting " + c.binary());
        }
        processes.get(c).start();
    }

    private void startAndWait(Component c, long deadline) {
        startProcess(c);
        waitHealthy(c, deadline);
    }

    private void waitHealthy(Component c, long deadline) {
        ComponentProcess p = processes.get(c);
        try {
            waitUntil(c.binary() + " healthy", deadline, () -> {
                if (p.state() == ComponentState.DOWN) {
                    throw new IllegalStateException(c.binary() + " exited during start-up\n--- " + c.binary()
                            + " log (" + p.log() + ") ---\n" + p.logTail(30));
                }
                return healthy(c);
            });
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (last health answer: " + lastHealthError.get(c) + ")", e);
        }
    }

    /** Whether a component's own health endpoint answers ok. */
    boolean healthy(Component c) {
        String url = switch (c) {
            case ETCD -> "http://127.0.0.1:" + reachablePort(c) + "/health";
            case APISERVER -> "https://127.0.0.1:" + reachablePort(c) + "/readyz";
            case CONTROLLER_MANAGER, SCHEDULER -> "https://127.0.0.1:" + reachablePort(c) + "/healthz";
            case KWOK -> "http://127.0.0.1:" + reachablePort(c) + "/healthz";
        };
        try {
            HttpResponse<String> r = adminHttp.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            lastHealthError.put(c, r.statusCode() + " " + r.body());
            return r.statusCode() == 200;
        } catch (IOException e) {
            lastHealthError.put(c, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void ensureRunning(Component c) {
        ComponentProcess p = processes.get(c);
        switch (p.state()) {
            case PAUSED -> p.resume();
            case DOWN -> startAndWait(c, System.nanoTime() + Duration.ofMinutes(1).toNanos());
            case RUNNING -> { }
        }
    }

    private Config clientConfig() {
        Config config = Config.fromKubeconfig(readString(userKubeconfig)); // real nodes (issue 11)
        config.setRequestTimeout(15_000);
        config.setConnectionTimeout(5_000);
        return config;
    }

    private void createNodes() {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(nodes, 8));
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                Node node = simulatedNode(NODE_PREFIX + i);
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

    /** A simulated node as the cluster creates them (kwok runs it: annotation kwok.x-k8s.io/node=fake); create more to add nodes. */
    public static Node simulatedNode(String name) {
        Map<String, Quantity> resources = Map.of("cpu", new Quantity("32"), "memory", new Quantity("256Gi"),
                "pods", new Quantity("110"));
        return new NodeBuilder()
                .withNewMetadata().withName(name)
                .addToLabels("type", "kwok")
                .addToLabels("kubernetes.io/hostname", name)
                .addToLabels("kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/arch", "amd64")
                .addToAnnotations("kwok.x-k8s.io/node", "fake")
                .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                .endMetadata()
                .withNewStatus().withAllocatable(resources).withCapacity(resources).endStatus()
                .build();
    }

    private int readyNodes() {
        try {
            return (int) client.nodes().withLabel("type", "kwok").list().getItems().stream()
                    .filter(n -> n.getStatus() != null && n.getStatus().getConditions() != null
                            && n.getStatus().getConditions().stream()
                            .anyMatch(cond -> "Ready".equals(cond.getType()) && "True".equals(cond.getStatus())))
                    .count();
        } catch (KubernetesClientException e) {
            return -1;
        }
    }

    /** A pod must be scheduled, started by kwok and given an IP: proof that every component works. */
    private void probePod(long deadline) {
        Pod probe = new PodBuilder()
                .withNewMetadata().withName("mutineer-probe").withNamespace("default").endMetadata()
                .withNewSpec().addNewContainer().withName("probe").withImage("registry.k8s.io/pause:3.10").endContainer()
                .withTerminationGracePeriodSeconds(0L).endSpec()
                .build();
        waitUntil("probe pod created (default ServiceAccount present)", deadline, () -> {
            try {
                client.pods().inNamespace("default").resource(probe).create();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    return true;
                }
                return false;
            }
        });
        waitUntil("probe pod Running with a pod IP", deadline, () -> {
            Pod p = client.pods().inNamespace("default").withName("mutineer-probe").get();
            return p != null && p.getStatus() != null && "Running".equals(p.getStatus().getPhase())
                    && p.getStatus().getPodIP() != null && !p.getStatus().getPodIP().isEmpty();
        });
        client.pods().inNamespace("default").withName("mutineer-probe").withGracePeriod(0).delete();
        waitUntil("probe pod deleted", deadline, () -> client.pods().inNamespace("default").withName("mutineer-probe").get() == null);
    }

    private static void waitUntil(String what, long deadlineNanos, BooleanSupplier condition) {
        long sleep = 50;
        while (true) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            sleep = Math.min(500, sleep * 2);
        }
    }

    private String diagnostics() {
        StringBuilder sb = new StringBuilder("work directory: " + workDir);
        for (ComponentProcess p : processes.values()) {
            sb.append("\n--- ").append(p.component().binary()).append(" (").append(p.state()).append(") last lines of ")
                    .append(p.log()).append(" ---\n").append(p.logTail(8));
        }
        return sb.toString();
    }

    private void requireStarted() {
        if (workDir == null) {
            throw new IllegalStateException("LocalCluster is not started; call start() first");
        }
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
