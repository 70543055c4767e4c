package dev.mutineer.cluster;

import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What every backend shares: the settings a {@link ClusterConfig} carries with their fluent
 * {@code withX} setters, and the steady state (saved and restored through etcd; each backend
 * brings its stopped components back first and says how large one etcd transaction may be).
 *
 * @param <C> the backend itself, so that the setters chain into its own {@code withX} methods
 */
public abstract class AbstractCluster<C extends AbstractCluster<C>> implements Cluster {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractCluster.class);

    private int nodes;
    private final Map<String, Boolean> featureGates = new TreeMap<>();
    private Optional<Path> workDirParent = Optional.empty();
    private boolean keepWorkDir;
    private Duration startTimeout;
    private SteadyState steadyState;
    // Set by start(), read by close() on a shutdown hook's thread.
    private volatile KubernetesClient client;
    private volatile Path kubeconfig;
    private volatile EtcdAccess etcd;
    private volatile ComponentControl control;
    private final TxnLimits txnLimits;

    /** @param txnLimits how large one transaction may be on this backend's etcd */
    protected AbstractCluster(int defaultNodes, Duration defaultStartTimeout, TxnLimits txnLimits) {
        this.nodes = defaultNodes;
        this.startTimeout = defaultStartTimeout;
        this.txnLimits = txnLimits;
    }

    protected abstract C self();

    /** Refuses a node count this backend cannot run, with a message saying why. */
    protected abstract void checkNodes(int nodes);

    public C withNodes(int nodes) {
        checkNodes(nodes);
        this.nodes = nodes;
        return self();
    }

    /** A feature gate for the control-plane components (see each backend for which ones). */
    public C withFeatureGate(String gate, boolean enabled) {
        featureGates.put(gate, enabled);
        return self();
    }

    public C withFeatureGates(Map<String, Boolean> gates) {
        featureGates.putAll(gates);
        return self();
    }

    /** Parent directory of the cluster's work directory (default: the system temp directory). */
    public C withWorkDir(Path parent) {
        this.workDirParent = Optional.of(parent);
        return self();
    }

    public C withKeepWorkDir(boolean keep) {
        this.keepWorkDir = keep;
        return self();
    }

    public C withStartTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return self();
    }

    /** Takes over what a {@link ClusterConfig} asks for (its backend is the caller's business). */
    public C configure(ClusterConfig config) {
        withNodes(config.nodes()).withFeatureGates(config.featureGates()).withKeepWorkDir(config.keepWorkDir());
        config.workDir().ifPresent(this::withWorkDir);
        return self();
    }

    public int nodeCount() {
        return nodes;
    }

    protected Map<String, Boolean> featureGates() {
        return Map.copyOf(featureGates);
    }

    protected Path workDirParent() {
        return workDirParent.orElse(Path.of(System.getProperty("java.io.tmpdir")));
    }

    protected boolean keepWorkDir() {
        return keepWorkDir;
    }

    protected Duration startTimeout() {
        return startTimeout;
    }

    /**
     * Called by start() once the API server's address is known: what the accessors below hand out, and
     * what acts on the components.
     */
    protected void reachableAt(KubernetesClient client, Path kubeconfig, EtcdAccess etcd, ComponentControl control) {
        this.client = client;
        this.kubeconfig = kubeconfig;
        this.etcd = etcd;
        this.control = control;
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
        return etcd;
    }

    /** For close(): closes the client handed out, if start() got that far. */
    protected void closeClient() {
        KubernetesClient c = client;
        if (c != null) {
            c.close();
        }
    }

    /** Throws IllegalStateException unless the cluster runs. */
    protected abstract void requireStarted();

    /** Resumes paused and starts stopped components, etcd first: the restore writes through it. */
    protected abstract void bringComponentsBack();

    private ComponentControl started() {
        requireStarted();
        return control;
    }

    @Override
    public ComponentState state(Component component) {
        return started().state(component);
    }

    @Override
    public void stop(Component component) {
        started().stop(component);
    }

    @Override
    public void kill(Component component) {
        started().kill(component);
    }

    @Override
    public void pause(Component component) {
        started().pause(component);
    }

    @Override
    public void resume(Component component) {
        started().resume(component);
    }

    @Override
    public void restart(Component component) {
        started().restart(component);
    }

    @Override
    public ComponentControl node(String name) {
        return started().node(name);
    }

    /** How long {@link #restoreSteadyState} waits for the cluster to be Ready again. */
    protected abstract Duration restoreTimeout();

    @Override
    public Optional<SteadyState> steadyState() {
        return Optional.ofNullable(steadyState);
    }

    @Override
    public void saveSteadyState() {
        requireStarted();
        try (Client etcd = etcd().connect()) {
            steadyState = SteadyState.capture(etcd, etcdKeyPrefix());
        }
        Keyspace.Figures saved = steadyState.saved();
        LOG.info("{} cluster: saved steady state, {} keys ({} KiB read in {} Range pages at revision {})", backend(),
                steadyState.size(), saved.bytes() / 1024, saved.pages(), saved.revision());
    }

    @Override
    public void adoptIntoSteadyState(Map<String, byte[]> values) {
        if (steadyState == null) {
            throw new IllegalStateException(backend() + " cluster: no steady state saved; call saveSteadyState() first");
        }
        steadyState = steadyState.adopt(values);
        LOG.info("{} cluster: steady state follows the cluster in {} keys: {}", backend(), values.size(),
                new TreeSet<>(values.keySet()));
    }

    /**
     * Brings every component back, stops {@code heldDown}, writes the saved keyspace back, starts them again and
     * waits for Ready.
     */
    @Override
    public void restoreSteadyState(List<Component> heldDown) {
        requireStarted();
        if (steadyState == null) {
            throw new IllegalStateException(backend() + " cluster: no steady state saved; call saveSteadyState() first");
        }
        bringComponentsBack();
        for (Component c : heldDown) {
            if (components().contains(c)) {
                stop(c);
            }
        }
        SteadyState.Restored r;
        try (Client etcd = etcd().connect()) {
            r = steadyState.restore(etcd, txnLimits);
        }
        if (r.transactions() > 1) {
            LOG.warn("{} cluster: restore took {} etcd transactions ({} keys written, {} deleted): beyond {}, so "
                    + "watchers saw intermediate states", backend(), r.transactions(), r.written(), r.deleted(), txnLimits);
        } else {
            LOG.debug("{} cluster: restored steady state at revision {} ({} keys written, {} deleted)", backend(),
                    r.revision(), r.written(), r.deleted());
        }
        if (!heldDown.isEmpty()) {
            bringComponentsBack();
        }
        awaitReady(restoreTimeout());
    }

    /** Whether a node reports condition Ready=True. */
    protected static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
