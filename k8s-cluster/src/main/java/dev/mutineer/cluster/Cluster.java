package dev.mutineer.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A disposable Kubernetes cluster whose etcd mutineer can read and write directly.
 *
 * <p>A backend is configured with its {@code withX} methods, started by {@link #start()} and
 * torn down by {@link #close()}. Component control is best effort per backend: a backend that cannot
 * do something throws {@link UnsupportedOperationException} naming the backend.
 */
public interface Cluster extends ComponentControl, AutoCloseable {

    /** Starts every component and blocks until the cluster is Ready; returns this cluster. */
    Cluster start();

    /** "local" or "kind". */
    String backend();

    /** A client authenticated as cluster admin (system:masters). Owned by the cluster. */
    KubernetesClient client();

    /** A kubeconfig file usable with kubectl while the cluster is up. */
    Path kubeconfig();

    /** How to reach the cluster's etcd directly (endpoints and optional TLS material). */
    EtcdAccess etcd();

    /** The key prefix the API server stores objects under, normally "/registry". */
    default String etcdKeyPrefix() {
        return "/registry";
    }

    /** The components this backend lets mutineer control. */
    List<Component> components();

    /** Waits until the API server answers, every node is Ready and every component runs. */
    void awaitReady(Duration timeout);

    /** Records the current cluster state as the steady state that {@link #restoreSteadyState()} returns to. */
    void saveSteadyState();

    /** Returns the cluster to the saved steady state; every component is running afterwards. */
    default void restoreSteadyState() {
        restoreSteadyState(List.of());
    }

    /**
     * {@link #restoreSteadyState()}, with {@code heldDown} (of {@link #components()}) stopped while the keys are
     * written and started afterwards: a controller that runs through the write acts on what it sees of it (a
     * ReplicaSet controller that sees the replacement pod deleted before the saved one is back creates a third pod),
     * and one started afterwards builds its memory from the restored objects only.
     */
    void restoreSteadyState(List<Component> heldDown);

    /**
     * Replaces the saved values of some keys of the steady state with {@code values} ({@link SteadyState#adopt}), so
     * that the next {@link #restoreSteadyState()} writes those back instead. For what the cluster made true since
     * the save and a restore cannot undo (a real pod's sandbox, and so its IP, replaced by its kubelet).
     */
    default void adoptIntoSteadyState(Map<String, byte[]> values) {
        throw new UnsupportedOperationException(backend() + " cluster keeps no steady state");
    }

    /** The steady state {@link #saveSteadyState()} saved; empty before that, or for a backend that keeps none. */
    default Optional<SteadyState> steadyState() {
        return Optional.empty();
    }

    /**
     * Control-plane processes that exited by themselves, oldest first, each started again with a back-off by the
     * backend's supervisor; empty for a backend that does not supervise its processes.
     */
    default List<ComponentExit> exits() {
        return List.of();
    }

    /** How often the supervisor has started a component again after it exited by itself. */
    default int restarts(Component component) {
        return (int) exits().stream().filter(e -> e.component() == component && e.restartedAt() != null).count();
    }

    /**
     * The containers that run on each real node now, by node name, as the node's container runtime lists them (not
     * as the pod API reports them); empty for a cluster without real nodes. A node whose runtime does not answer
     * makes it throw.
     */
    default Map<String, List<dev.mutineer.cluster.node.NodeContainer>> realNodeContainers() {
        return Map.of();
    }

    /**
     * The log of a control-plane component, each start of it marked by a line beginning {@link #START_MARK}; empty
     * for a backend whose components log elsewhere (kind's static pods).
     */
    default Optional<Path> log(Component component) {
        return Optional.empty();
    }

    /** How a component's log marks each of its starts. */
    String START_MARK = "=== mutineer: start #";

    /**
     * Starts client traffic against a Service of the workload, from inside the cluster (needs real nodes: a kwok
     * node runs no container and no Service data plane).
     */
    default dev.mutineer.cluster.traffic.Traffic startTraffic(dev.mutineer.cluster.traffic.TrafficTarget target) {
        throw new UnsupportedOperationException("client traffic needs real nodes; the " + backend()
                + " cluster has none (cluster.realNodes)");
    }

    /** The directory holding this cluster's logs, PKI and data. */
    Path workDir();

    @Override
    void close();
}
