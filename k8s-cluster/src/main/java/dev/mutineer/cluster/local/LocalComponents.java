package dev.mutineer.cluster.local;

import dev.mutineer.cluster.ClusterConfig;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentControl;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.Poll;
import dev.mutineer.cluster.node.RealNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The local cluster's components: the control plane's as processes of the {@link ProcessTable}, started again until
 * healthy, and the daemons of its real nodes ({@link RealNode}, each a {@link ComponentControl} of its own). A node
 * component here means that daemon on every real node that runs it; {@link #node} picks one node's.
 */
final class LocalComponents implements ComponentControl {

    /** Every component of the local control plane, in start order. */
    static final List<Component> ALL = Component.controlPlane();

    private static final Duration START_TIMEOUT = Duration.ofMinutes(1);
    private static final long STOP_GRACE_MILLIS = 10_000;

    private final ProcessTable processes;
    private final HealthProbes health;
    private final Supplier<List<RealNode>> realNodes;

    LocalComponents(ProcessTable processes, HealthProbes health, Supplier<List<RealNode>> realNodes) {
        this.processes = processes;
        this.health = health;
        this.realNodes = realNodes;
    }

    @Override
    public String backend() {
        return ClusterConfig.LOCAL;
    }

    /** The control plane's, then each node component that at least one real node runs. */
    @Override
    public List<Component> components() {
        List<Component> out = new ArrayList<>(ALL);
        for (Component c : Component.nodeComponents()) {
            if (!running(c).isEmpty()) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    /** A node component's worst state over the real nodes that run it: one kubelet down is a kubelet down. */
    @Override
    public ComponentState state(Component c) {
        if (!c.onNode()) {
            return processes.process(c).state();
        }
        ComponentState worst = ComponentState.RUNNING;
        for (RealNode n : nodesRunning(c)) {
            ComponentState s = n.state(c);
            if (s.ordinal() > worst.ordinal()) {
                worst = s;
            }
        }
        return worst;
    }

    @Override
    public void stop(Component c) {
        if (c.onNode()) {
            nodesRunning(c).forEach(n -> n.stop(c));
        } else {
            processes.process(c).stop(STOP_GRACE_MILLIS);
        }
    }

    @Override
    public void kill(Component c) {
        if (c.onNode()) {
            nodesRunning(c).forEach(n -> n.kill(c));
        } else {
            processes.process(c).kill();
        }
    }

    @Override
    public void pause(Component c) {
        if (c.onNode()) {
            nodesRunning(c).forEach(n -> n.pause(c));
        } else {
            processes.process(c).pause();
        }
    }

    @Override
    public void resume(Component c) {
        if (c.onNode()) {
            nodesRunning(c).forEach(n -> n.resume(c));
        } else {
            processes.process(c).resume();
        }
    }

    @Override
    public void restart(Component c) {
        if (c.onNode()) {
            nodesRunning(c).forEach(n -> n.restart(c));
        } else {
            stop(c);
            startHealthy(c);
        }
    }

    @Override
    public ComponentControl node(String name) {
        List<RealNode> nodes = realNodes.get();
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the local cluster has no real node '" + name + "'"
                        + (nodes.isEmpty() ? " (it has no real nodes: cluster.realNodes)" : "; it has "
                        + nodes.stream().map(RealNode::name).toList())));
    }

    /** Resumes paused and starts stopped components, etcd first, then each real node's daemons. */
    void bringBack() {
        for (Component c : ALL) { // etcd first
            switch (state(c)) {
                case PAUSED -> resume(c);
                case DOWN -> startHealthy(c);
                case RUNNING -> { }
            }
        }
        realNodes.get().forEach(RealNode::bringBack);
    }

    /** Starts the component (refused once the cluster is closed) and waits until its health endpoint answers. */
    void startHealthy(Component c) {
        processes.start(c);
        health.await(processes.process(c), Poll.deadline(START_TIMEOUT));
    }

    private List<RealNode> running(Component c) {
        return realNodes.get().stream().filter(n -> n.components().contains(c)).toList();
    }

    private List<RealNode> nodesRunning(Component c) {
        List<RealNode> out = running(c);
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the local cluster runs no " + c.binary() + ": it has no real node that does");
        }
        return out;
    }
}
