package dev.mutineer.cluster.kind;

import dev.mutineer.cluster.ClusterConfig;
import java.util.List;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentControl;
import dev.mutineer.cluster.ComponentState;

import java.time.Duration;

/**
 * The kind control plane's components as kubeadm's static pods. A stop moves the manifest away, so the
 * kubelet stops the pod gracefully and does not bring it back; signals go to the processes themselves,
 * and the kubelet restarts a killed static pod by itself after its back-off, and may kill one paused for
 * longer than its liveness probe allows (about 80 s for the API server).
 */
final class KindComponents implements ComponentControl {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final StaticPods pods;

    KindComponents(StaticPods pods) {
        this.pods = pods;
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
    public ComponentState state(Component c) {
        return pods.state(c);
    }

    @Override
    public void stop(Component c) {
        pods.stop(c, TIMEOUT);
    }

    @Override
    public void kill(Component c) {
        pods.signal(c, "KILL");
    }

    @Override
    public void pause(Component c) {
        pods.signal(c, "STOP");
    }

    @Override
    public void resume(Component c) {
        pods.signal(c, "CONT");
    }

    @Override
    public void restart(Component c) {
        pods.stop(c, TIMEOUT);
        pods.start(c, TIMEOUT);
    }

    /** Resumes paused and starts stopped components, etcd first. */
    void bringBack() {
        for (Component c : StaticPods.CONTROLLED) { // etcd first
            switch (pods.state(c)) {
                case PAUSED -> pods.signal(c, "CONT");
                case DOWN -> pods.start(c, TIMEOUT);
                case RUNNING -> { }
            }
        }
    }
}
