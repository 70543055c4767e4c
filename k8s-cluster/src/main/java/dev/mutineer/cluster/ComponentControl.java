package dev.mutineer.cluster;

/**
 * Acting on the processes of a control plane, as {@link Cluster} offers it; {@link AbstractCluster}
 * forwards these to its backend's implementation once the cluster runs. A backend that cannot do
 * something throws {@link UnsupportedOperationException} naming the backend.
 */
public interface ComponentControl {

    /** "local", "kind": named in the message when a backend cannot do something. */
    String backend();

    /** The components this backend runs and can act on, in start order. */
    java.util.List<Component> components();

    ComponentState state(Component component);

    /** Graceful stop (SIGTERM, then SIGKILL after a grace period). */
    void stop(Component component);

    /** SIGKILL: the component gets no chance to clean up. */
    void kill(Component component);

    /** SIGSTOP: the process is frozen, its connections stay open. */
    void pause(Component component);

    /** SIGCONT after {@link #pause}. */
    void resume(Component component);

    /** Starts a stopped or killed component again (stops it first when it runs). */
    void restart(Component component);

    /**
     * The components of one real node (containerd, kubelet, and kube-proxy where it runs), to act on that node's
     * process alone; the methods above act on a node component of every real node that runs it, and its
     * {@link #state} is the worst of theirs.
     *
     * @throws IllegalArgumentException naming the real nodes there are, when there is none of that name
     */
    default ComponentControl node(String name) {
        throw new IllegalArgumentException("the " + backend() + " backend has no real node '" + name + "'");
    }
}
