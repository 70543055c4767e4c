package dev.mutineer.cluster.local;

import dev.mutineer.cluster.ClusterConfig;
import java.util.List;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentControl;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.Poll;

import java.time.Duration;

/** The local control plane's components as processes of the {@link ProcessTable}, started again until healthy. */
final class LocalComponents implements ComponentControl {

    /** Every component of the local control plane, in start order. */
    static final List<Component> ALL = java.util.List.of(Component.values());

    private static final Duration START_TIMEOUT = Duration.ofMinutes(1);
    private static final long STOP_GRACE_MILLIS = 10_000;

    private final ProcessTable processes;
    private final HealthProbes health;

    LocalComponents(ProcessTable processes, HealthProbes health) {
        this.processes = processes;
        this.health = health;
    }

    @Override
    public String backend() {
        return ClusterConfig.LOCAL;
    }

    @Override
    public List<Component> components() {
        return ALL;
    }

    @Override
    public ComponentState state(Component c) {
        return processes.process(c).state();
    }

    @Override
    public void stop(Component c) {
        processes.process(c).stop(STOP_GRACE_MILLIS);
    }

    @Override
    public void kill(Component c) {
        processes.process(c).kill();
    }

    @Override
    public void pause(Component c) {
        processes.process(c).pause();
    }

    @Override
    public void resume(Component c) {
        processes.process(c).resume();
    }

    @Override
    public void restart(Component c) {
        stop(c);
        startHealthy(c);
    }

    /** Resumes paused and starts stopped components, etcd first. */
    void bringBack() {
        for (Component c : Component.values()) { // etcd first
            switch (state(c)) {
                case PAUSED -> resume(c);
                case DOWN -> startHealthy(c);
                case RUNNING -> { }
            }
        }
    }

    /** Starts the component (refused once the cluster is closed) and waits until its health endpoint answers. */
    void startHealthy(Component c) {
        processes.start(c);
        health.await(processes.process(c), Poll.deadline(START_TIMEOUT));
    }
}
