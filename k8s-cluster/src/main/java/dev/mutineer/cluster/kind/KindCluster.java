package dev.mutineer.cluster.kind;

import com.dajudge.kindcontainer.KindContainerVersion;
import dev.mutineer.cluster.AbstractCluster;
import dev.mutineer.cluster.ClusterConfig;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.EtcdAccess;
import dev.mutineer.cluster.TxnLimits;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
 * static pod manifests after kubeadm init, {@link KindFeatureGates}), not the kubelet; no kwok.
 * etcd keeps kubeadm's flags, so a steady-state restore larger than etcd's default transaction
 * limits takes several transactions. Containers are removed by {@link #close()}, and by
 * Testcontainers' reaper when the JVM dies.
 */
public final class KindCluster extends AbstractCluster<KindCluster> {

    private static final Logger LOG = LoggerFactory.getLogger(KindCluster.class);
    private static final String NODE_NAME = "kind"; // kindcontainer runs kubeadm init --node-name=kind
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(5);

    private Optional<String> kubernetesVersion = Optional.empty();
    private Optional<String> image = Optional.empty();

    private KindNode node;
    private StaticPods staticPods;
    private KindComponents components;
    private volatile boolean closed;

    public KindCluster() {
        // kubeadm starts etcd with etcd's default limits, and mutineer leaves kubeadm's manifests as they are
        super(1, DEFAULT_START_TIMEOUT, TxnLimits.ETCD_DEFAULTS);
    }

    @Override
    protected KindCluster self() {
        return this;
    }

    /** kind here has exactly one node; anything else is refused now rather than ignored. */
    @Override
    protected void checkNodes(int nodes) {
        if (nodes != 1) {
            throw new IllegalArgumentException("the kind backend runs a single node (kindcontainer puts control plane "
                    + "and kubelet in one container), got " + nodes + "; use the local backend for more nodes");
        }
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

    public static KindCluster from(ClusterConfig config) {
        return new KindCluster().configure(config);
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
        return KindVersions.known();
    }

    /** Whether {@link #withKubernetesVersion} accepts this version ("1.33", "v1.33.4"). */
    public static boolean supportsKubernetesVersion(String version) {
        try {
            KindVersions.resolve(Optional.of(version));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Starts the node, provisions Kubernetes with kubeadm, copies out kubeconfig and etcd certs, waits for Ready. */
    @Override
    public KindCluster start() {
        if (node != null) {
            throw new IllegalStateException("this KindCluster was already started");
        }
        if (!dockerAvailable()) {
            throw new DockerUnavailableException("kind backend: no Docker engine reachable (Testcontainers looked at "
                    + "DOCKER_HOST, the default socket and ~/.testcontainers.properties); start Docker or use --backend local");
        }
        long t0 = System.nanoTime();
        KindContainerVersion version = KindVersions.resolve(kubernetesVersion);
        node = KindNode.start(workDirParent(), version, image, startTimeout(), keepWorkDir());
        try {
            staticPods = new StaticPods(node.shell(), StaticPods.KUBEADM_MANIFESTS);
            components = new KindComponents(staticPods);
            EtcdAccess etcd = node.copyEtcdAccess();
            reachableAt(new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(node.kubeconfigContent())).build(),
                    node.writeKubeconfig(), etcd, components);
            String gates = ClusterConfig.featureGatesFlag(featureGates());
            if (!gates.isEmpty()) {
                KindFeatureGates.apply(staticPods, client(), NODE_NAME, gates, startTimeout(), KindVersions.kubernetesVersion(version));
            }
            awaitReady(startTimeout());
            LOG.info("kind cluster ready in {} ms; etcd at {}", (System.nanoTime() - t0) / 1_000_000, etcd.primaryEndpoint());
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("kind backend: cannot copy files out of the node: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    protected void requireStarted() {
        if (node == null || closed) {
            throw new IllegalStateException("kind cluster is " + (closed ? "closed" : "not started; call start() first"));
        }
    }

    @Override
    public String backend() {
        return ClusterConfig.KIND;
    }

    @Override
    public List<Component> components() {
        return StaticPods.CONTROLLED;
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
                + " (node output in " + node.nodeLog() + ")");
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
            KubernetesClient client = client();
            String readyz = client.raw("/readyz");
            if (readyz == null || !readyz.strip().equals("ok")) {
                return "kube-apiserver /readyz answered " + readyz;
            }
            List<Node> nodeList = client.nodes().list().getItems();
            if (nodeList.isEmpty()) {
                return "no node registered";
            }
            for (Node n : nodeList) {
                if (!isReady(n)) {
                    return "node " + n.getMetadata().getName() + " is not Ready";
                }
            }
        } catch (KubernetesClientException e) {
            return "kube-apiserver: " + e.getMessage();
        }
        return null;
    }

    @Override
    protected void bringComponentsBack() {
        components.bringBack();
    }

    @Override
    protected Duration restoreTimeout() {
        return startTimeout();
    }

    @Override
    public Path workDir() {
        if (node == null) {
            throw new IllegalStateException("kind cluster not started; call start() first");
        }
        return node.workDir();
    }

    /** Stops and removes the node container and its volumes; deletes the work directory unless kept. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeClient();
        if (node != null) {
            node.close(keepWorkDir());
        }
    }
}
