package dev.mutineer.cluster.kind;

import com.dajudge.kindcontainer.KindContainer;
import com.dajudge.kindcontainer.KindContainerVersion;
import com.dajudge.kindcontainer.KubernetesImageSpec;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.ClusterConfig;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.EtcdAccess;
import dev.mutineer.cluster.SteadyState;
import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.output.OutputFrame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A single-node kind cluster in Docker, through Testcontainers' kindcontainer: a real kubelet
 * and containerd, kubeadm's static control-plane pods, and etcd reachable from the host on a
 * mapped port with the client certificates copied into the work directory.
 *
 * <pre>{@code
 * try (KindCluster cluster = new KindCluster().withFeatureGate("StaleControllerConsistencyReplicaSet", false)) {
 *     cluster.start();
 *     try (var etcd = cluster.etcd().connect()) { ... }
 * }
 * }</pre>
 *
 * <p>Limits: one node (kindcontainer runs control plane and kubelet in one container); feature
 * gates reach kube-apiserver, kube-controller-manager and kube-scheduler (patched into their
 * static pod manifests after kubeadm init), not the kubelet; no kwok. Containers are removed
 * by {@link #close()}, and by Testcontainers' reaper when the JVM dies.
 */
public final class KindCluster implements Cluster {

    private static final Logger LOG = LoggerFactory.getLogger(KindCluster.class);
    static final int ETCD_CLIENT_PORT = 2379;
    private static final String NODE_NAME = "kind"; // kindcontainer runs kubeadm init --node-name=kind
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration COMPONENT_TIMEOUT = Duration.ofMinutes(2);

    private int nodes = 1;
    private final Map<String, Boolean> featureGates = new TreeMap<>();
    private Optional<Path> workDirParent = Optional.empty();
    private boolean keepWorkDir;
    private Optional<String> kubernetesVersion = Optional.empty();
    private Optional<String> image = Optional.empty();
    private Duration startTimeout = DEFAULT_START_TIMEOUT;

    private KindContainer<?> container;
    private NodeShell shell;
    private StaticPods staticPods;
    private Path workDir;
    private Path kubeconfig;
    private EtcdAccess etcdAccess;
    private KubernetesClient client;
    private Writer nodeLog;
    private SteadyState steadyState;
    private volatile boolean closed;

    /** kind here has exactly one node; anything else is refused now rather than ignored. */
    public KindCluster withNodes(int nodes) {
        if (nodes != 1) {
            throw new IllegalArgumentException("the kind backend runs a single node (kindcontainer puts control plane "
                    + "and kubelet in one container), got " + nodes + "; use the local backend for more nodes");
        }
        this.nodes = nodes;
        return this;
    }

    public KindCluster withFeatureGate(String gate, boolean enabled) {
        featureGates.put(gate, enabled);
        return this;
    }

    public KindCluster withFeatureGates(Map<String, Boolean> gates) {
        featureGates.putAll(gates);
        return this;
    }

    /** Parent directory of the cluster's work directory (default: the system temp directory). */
    public KindCluster withWorkDir(Path parent) {
        this.workDirParent = Optional.of(parent);
        return this;
    }

    public KindCluster withKeepWorkDir(boolean keep) {
        this.keepWorkDir = keep;
        return this;
    }

    /**
     * "1.33" or "1.33.4": picks the newest kindest/node image kindcontainer knows for that minor
     * version. Default: the newest it knows.
     */
    public KindCluster withKubernetesVersion(String version) {
        this.kubernetesVersion = Optional.of(version);
        return this;
    }

    /**
     * A kindest/node image of your own (e.g. a newer Kubernetes than kindcontainer lists); it is
     * provisioned with the kubeadm configuration of the version chosen by {@link #withKubernetesVersion}.
     */
    public KindCluster withImage(String image) {
        this.image = Optional.of(image);
        return this;
    }

    public KindCluster withStartTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return this;
    }

    public static KindCluster from(ClusterConfig config) {
        KindCluster c = new KindCluster().withNodes(config.nodes()).withFeatureGates(config.featureGates())
                .withKeepWorkDir(config.keepWorkDir());
        config.workDir().ifPresent(c::withWorkDir);
        return c;
    }

    /** Whether Testcontainers can reach a Docker engine (tests use this to skip). */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The Kubernetes versions (e.g. "v1.34.0") this backend has kindest/node images for, oldest first. */
    public static List<String> knownKubernetesVersions() {
        return Arrays.stream(KindContainerVersion.values()).map(v -> v.descriptor().getKubernetesVersion())
                .sorted(KindCluster::compareVersions).toList();
    }

    /** Whether {@link #withKubernetesVersion} accepts this version ("1.33", "v1.33.4"). */
    public static boolean supportsKubernetesVersion(String version) {
        try {
            versionFor(Optional.of(version));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The kindcontainer version {@link #withKubernetesVersion} resolves to. */
    static KindContainerVersion versionFor(Optional<String> requested) {
        Comparator<KindContainerVersion> byVersion = Comparator.comparing(v -> v.descriptor().getKubernetesVersion(),
                KindCluster::compareVersions);
        Stream<KindContainerVersion> known = Arrays.stream(KindContainerVersion.values());
        if (requested.isEmpty()) {
            return known.max(byVersion).orElseThrow();
        }
        String want = requested.get().startsWith("v") ? requested.get().substring(1) : requested.get();
        return known.filter(v -> {
                    String have = v.descriptor().getKubernetesVersion().replaceFirst("^v", "");
                    return have.equals(want) || have.startsWith(want + ".");
                })
                .max(byVersion)
                .orElseThrow(() -> new IllegalArgumentException("kind backend: no kindest/node image known for Kubernetes "
                        + requested.get() + "; known: " + Arrays.stream(KindContainerVersion.values())
                        .map(v -> v.descriptor().getKubernetesVersion()).toList()
                        + " (or pass an image of your own with withImage)"));
    }

    static int compareVersions(String a, String b) {
        int[] x = Arrays.stream(a.replaceFirst("^v", "").split("\\.")).mapToInt(Integer::parseInt).toArray();
        int[] y = Arrays.stream(b.replaceFirst("^v", "").split("\\.")).mapToInt(Integer::parseInt).toArray();
        return Arrays.compare(x, y);
    }

    /** Starts the node, provisions Kubernetes with kubeadm, copies out kubeconfig and etcd certs, waits for Ready. */
    @Override
    public KindCluster start() {
        if (container != null) {
            throw new IllegalStateException("this KindCluster was already started");
        }
        if (!dockerAvailable()) {
            throw new DockerUnavailableException("kind backend: no Docker engine reachable (Testcontainers looked at "
                    + "DOCKER_HOST, the default socket and ~/.testcontainers.properties); start Docker or use --backend local");
        }
        long t0 = System.nanoTime();
        try {
            workDir = Files.createTempDirectory(workDirParent.orElse(Path.of(System.getProperty("java.io.tmpdir"))), "mutineer-kind-");
            nodeLog = Files.newBufferedWriter(workDir.resolve("kind-node.log"), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);

            KubernetesImageSpec<KindContainerVersion> spec = new KubernetesImageSpec<>(versionFor(kubernetesVersion));
            image.ifPresent(spec::withImage);
            container = new KindContainer<>(spec);
            container.withExposedPorts(ETCD_CLIENT_PORT);
            container.withCreateContainerCmdModifier(KindCluster::bindPortsToLoopback);
            container.withLogConsumer(this::logNodeOutput);
            container.withNodeReadyTimeout(startTimeout);
            LOG.info("starting kind node {} (work dir {})", spec.getImage(), workDir);
            container.start();

            shell = new NodeShell(container);
            staticPods = new StaticPods(shell, StaticPods.KUBEADM_MANIFESTS);
            kubeconfig = writePrivate(workDir.resolve("kubeconfig"), container.getKubeconfig());
            etcdAccess = copyEtcdAccess();
            client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(container.getKubeconfig())).build();
            if (!featureGates.isEmpty()) {
                applyFeatureGates();
            }
            awaitReady(startTimeout);
            LOG.info("kind cluster ready in {} ms; etcd at {}", (System.nanoTime() - t0) / 1_000_000, etcdAccess.primaryEndpoint());
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("kind backend: cannot prepare work directory: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Testcontainers publishes ports on every interface; mutineer keeps to loopback. Only when
     * the engine is local, since on a remote engine 127.0.0.1 would be unreachable from here.
     */
    private static void bindPortsToLoopback(CreateContainerCmd cmd) {
        String dockerHost = DockerClientFactory.instance().dockerHostIpAddress();
        if (cmd.getExposedPorts() != null && cmd.getHostConfig() != null && isLoopback(dockerHost)) {
            cmd.getHostConfig().withPortBindings(loopbackBindings(cmd.getExposedPorts(), cmd.getHostConfig().getPortBindings()));
        }
    }

    static boolean isLoopback(String dockerHost) {
        return "localhost".equals(dockerHost) || "127.0.0.1".equals(dockerHost);
    }

    /** Every exposed port bound on 127.0.0.1, keeping a host port that was asked for (else Docker picks one). */
    static Ports loopbackBindings(ExposedPort[] exposed, Ports old) {
        Ports loopback = new Ports();
        for (ExposedPort port : exposed) {
            Ports.Binding[] bindings = old == null ? null : old.getBindings().get(port);
            String hostPort = bindings != null && bindings.length > 0 ? bindings[0].getHostPortSpec() : null;
            loopback.bind(port, new Ports.Binding("127.0.0.1", hostPort));
        }
        return loopback;
    }

    private void logNodeOutput(OutputFrame frame) {
        try {
            Writer w = nodeLog;
            if (w != null) {
                w.write(frame.getUtf8String());
                w.flush();
            }
        } catch (IOException e) {
            // the node log is a convenience; a full disk must not break the cluster
        }
    }

    /** The etcd server certificate names localhost and 127.0.0.1, so TLS verification holds on the mapped port. */
    private EtcdAccess copyEtcdAccess() throws IOException {
        Path pki = Files.createDirectories(workDir.resolve("pki"));
        Path ca = pki.resolve("etcd-ca.crt");
        Path cert = pki.resolve("apiserver-etcd-client.crt");
        Path key = pki.resolve("apiserver-etcd-client.key");
        container.copyFileFromContainer("/etc/kubernetes/pki/etcd/ca.crt", ca.toString());
        container.copyFileFromContainer("/etc/kubernetes/pki/apiserver-etcd-client.crt", cert.toString());
        container.copyFileFromContainer("/etc/kubernetes/pki/apiserver-etcd-client.key", key.toString());
        Files.writeString(key, Pkcs8.fromPem(Files.readString(key, StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
        for (Path p : List.of(ca, cert, key)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        }
        URI endpoint = URI.create("https://" + container.getHost() + ":" + container.getMappedPort(ETCD_CLIENT_PORT));
        return new EtcdAccess(List.of(endpoint), Optional.of(ca), Optional.of(cert), Optional.of(key));
    }

    private void applyFeatureGates() {
        StringBuilder flag = new StringBuilder();
        featureGates.forEach((k, v) -> flag.append(flag.length() == 0 ? "" : ",").append(k).append('=').append(v));
        LOG.info("kind: setting --feature-gates={} on the control plane", flag);
        staticPods.setFeatureGates(flag.toString());
        // The kubelet recreates each changed static pod; wait until the mirror pods carry the flag.
        for (String pod : List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler")) {
            StaticPods.await(() -> mirrorPodHasFlag(pod + "-" + NODE_NAME, "--feature-gates=" + flag), startTimeout,
                    pod + " to restart with --feature-gates=" + flag + " (a gate that Kubernetes "
                            + versionFor(kubernetesVersion).descriptor().getKubernetesVersion()
                            + " does not know makes the component exit at start-up)");
        }
    }

    private boolean mirrorPodHasFlag(String podName, String flag) {
        try {
            var pod = client.pods().inNamespace("kube-system").withName(podName).get();
            return pod != null
                    && pod.getSpec().getContainers().stream().anyMatch(c -> c.getCommand().contains(flag))
                    && pod.getStatus() != null && pod.getStatus().getConditions() != null
                    && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        } catch (KubernetesClientException e) {
            return false; // the API server itself is restarting
        }
    }

    private static Path writePrivate(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private void requireStarted() {
        if (container == null || closed) {
            throw new IllegalStateException("kind cluster is " + (closed ? "closed" : "not started; call start() first"));
        }
    }

    @Override
    public String backend() {
        return ClusterConfig.KIND;
    }

    @Override
    public KubernetesClient client() {
        requireStarted();
        return client;
    }

    @Override
    public Path kubeconfig() {
        requireStarted();
        return kubeconfig;
    }

    @Override
    public EtcdAccess etcd() {
        requireStarted();
        return etcdAccess;
    }

    @Override
    public List<Component> components() {
        return StaticPods.CONTROLLED;
    }

    @Override
    public ComponentState state(Component component) {
        requireStarted();
        return staticPods.state(component);
    }

    /** Moves the static pod manifest away: the kubelet stops the pod gracefully and does not bring it back. */
    @Override
    public void stop(Component component) {
        requireStarted();
        staticPods.stop(component, COMPONENT_TIMEOUT);
    }

    /** SIGKILL; note the kubelet restarts a killed static pod by itself after its back-off. */
    @Override
    public void kill(Component component) {
        requireStarted();
        staticPods.signal(component, "KILL");
    }

    /** SIGSTOP; the kubelet's liveness probe may kill a component paused for long (about 80 s for the API server). */
    @Override
    public void pause(Component component) {
        requireStarted();
        staticPods.signal(component, "STOP");
    }

    @Override
    public void resume(Component component) {
        requireStarted();
        staticPods.signal(component, "CONT");
    }

    @Override
    public void restart(Component component) {
        requireStarted();
        staticPods.stop(component, COMPONENT_TIMEOUT);
        staticPods.start(component, COMPONENT_TIMEOUT);
    }

    @Override
    public void awaitReady(Duration timeout) {
        requireStarted();
        Instant deadline = Instant.now().plus(timeout);
        String reason = "not checked yet";
        while (Instant.now().isBefore(deadline)) {
            reason = notReadyReason();
            if (reason == null) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the kind cluster", e);
            }
        }
        throw new IllegalStateException("kind cluster not ready after " + timeout.toSeconds() + " s: " + reason
                + " (node output in " + workDir.resolve("kind-node.log") + ")");
    }

    /** null when ready, else what is missing. */
    private String notReadyReason() {
        for (Component c : components()) {
            ComponentState s = staticPods.state(c);
            if (s != ComponentState.RUNNING) {
                return c.binary() + " is " + s;
            }
        }
        try {
            String readyz = client.raw("/readyz");
            if (readyz == null || !readyz.strip().equals("ok")) {
                return "kube-apiserver /readyz answered " + readyz;
            }
            List<Node> nodeList = client.nodes().list().getItems();
            if (nodeList.isEmpty()) {
                return "no node registered";
            }
            for (Node n : nodeList) {
                boolean ready = n.getStatus() != null && n.getStatus().getConditions() != null && n.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
                if (!ready) {
                    return "node " + n.getMetadata().getName() + " is not Ready";
                }
            }
        } catch (KubernetesClientException e) {
            return "kube-apiserver: " + e.getMessage();
        }
        return null;
    }

    /**
     * Records the keyspace under the etcd key prefix through the mapped etcd port (see
     * {@link SteadyState}: a key-level copy, no etcdctl in the node and no restart on restore).
     */
    @Override
    public void saveSteadyState() {
        requireStarted();
        try (Client etcd = etcdAccess.connect()) {
            steadyState = SteadyState.capture(etcd, etcdKeyPrefix());
        }
        LOG.info("kind: saved steady state ({} keys)", steadyState.size());
    }

    /** Brings stopped or paused components back, writes the saved keyspace back, and waits for Ready. */
    @Override
    public Optional<SteadyState> steadyState() {
        return Optional.ofNullable(steadyState);
    }

    @Override
    public void restoreSteadyState() {
        requireStarted();
        if (steadyState == null) {
            throw new IllegalStateException("kind: no steady state saved; call saveSteadyState() first");
        }
        // etcd first: nothing else can come back, and the keyspace cannot be written, without it.
        for (Component c : components()) {
            ComponentState s = staticPods.state(c);
            if (s == ComponentState.PAUSED) {
                staticPods.signal(c, "CONT");
            } else if (s == ComponentState.DOWN) {
                staticPods.start(c, COMPONENT_TIMEOUT);
            }
        }
        SteadyState.Restored stats;
        try (Client etcd = etcdAccess.connect()) {
            stats = steadyState.restore(etcd);
        }
        LOG.info("kind: restored steady state ({} keys written back, {} deleted)", stats.written(), stats.deleted());
        awaitReady(startTimeout);
    }

    @Override
    public Path workDir() {
        if (workDir == null) {
            throw new IllegalStateException("kind cluster not started; call start() first");
        }
        return workDir;
    }

    /** Stops and removes the node container and its volumes; deletes the work directory unless kept. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (client != null) {
            client.close();
        }
        if (container != null) {
            try {
                container.stop();
            } catch (RuntimeException e) {
                LOG.warn("kind: stopping the node container failed ({}); Testcontainers' reaper removes it when this JVM exits", e.getMessage());
            }
        }
        if (nodeLog != null) {
            try {
                nodeLog.close();
            } catch (IOException ignored) {
                // nothing to save
            }
            nodeLog = null;
        }
        if (workDir != null && !keepWorkDir) {
            deleteRecursively(workDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("kind: cannot delete {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("kind: cannot delete work directory {}: {}", dir, e.getMessage());
        }
    }
}
