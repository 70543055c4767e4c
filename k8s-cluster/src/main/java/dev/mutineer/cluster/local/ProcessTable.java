package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentExit;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The component processes of one local cluster. Every change to the table (a component defined or
 * redefined, a process started) and closing it take the same lock, so close() either runs after a start
 * (and stops what it started) or before it (and the start is refused): close() may run on a shutdown hook
 * (Ctrl-C) while a reset restarts components, and a process started after it would find the work
 * directory gone and outlive the JVM (seen: an etcd left running after a SIGINT mid-reset).
 *
 * <p>Its {@link Supervisor} starts a process that exited by itself again after a back-off; close() ends
 * supervision before it stops anything, and a restart is a start like any other, refused once closed.
 */
final class ProcessTable {

    private final Path workDir;
    private final String clusterId;
    private final Map<Component, ComponentProcess> processes = new EnumMap<>(Component.class);
    private final Supervisor supervisor;
    private boolean closed;

    ProcessTable(Path workDir, String clusterId) {
        this(workDir, clusterId, RestartBackOff.KUBELET);
    }

    ProcessTable(Path workDir, String clusterId, RestartBackOff backOff) {
        this.workDir = workDir;
        this.clusterId = clusterId;
        this.supervisor = new Supervisor(this, backOff, clusterId);
    }

    /** Sets the command line a component starts with (replacing one not yet started). */
    synchronized void define(Component c, List<String> command) {
        requireOpen("define");
        ComponentProcess old = processes.get(c);
        if (old != null && old.pid() > 0) {
            throw new IllegalStateException(c.binary() + " of cluster " + clusterId + " already ran; its command line stays");
        }
        processes.put(c, new ComponentProcess(c, command, workDir, supervisor::exited));
    }

    /** Starts a component's process unless it runs, or refuses because the table is closed. */
    synchronized void start(Component c) {
        if (closed) {
            throw new IllegalStateException("cluster " + clusterId + " is closed; not starting " + c.binary());
        }
        process(c).start();
    }

    /**
     * The supervisor's restart: starts the component only if it is still down by its own doing (not stopped or
     * killed on purpose since, nor started by someone else) and the table is open.
     *
     * @return whether it started the process
     */
    synchronized boolean startExited(Component c) {
        if (closed || !process(c).exitedByItself()) {
            return false;
        }
        process(c).start();
        return true;
    }

    /** The processes that exited by themselves, oldest first. */
    List<ComponentExit> exits() {
        return supervisor.exits();
    }

    synchronized ComponentProcess process(Component c) {
        ComponentProcess p = processes.get(c);
        if (p == null) {
            throw new IllegalStateException(c.binary() + " is not part of cluster " + clusterId);
        }
        return p;
    }

    /** PIDs of the started processes by binary name. */
    synchronized Map<String, Long> pids() {
        Map<String, Long> out = new LinkedHashMap<>();
        processes.forEach((c, p) -> {
            if (p.pid() > 0) {
                out.put(c.binary(), p.pid());
            }
        });
        return out;
    }

    /**
     * Stops every process in the given order, each within its grace period, and refuses starts from now on.
     * Idempotent.
     */
    synchronized void close(List<Component> order, Map<Component, Long> graceMillis) {
        supervisor.close();
        closed = true;
        for (Component c : order) {
            ComponentProcess p = processes.get(c);
            if (p != null) {
                p.stop(graceMillis.getOrDefault(c, 3_000L));
            }
        }
    }

    synchronized boolean closed() {
        return closed;
    }

    /** Each component's state and last log lines, for a start-up failure's message. */
    synchronized String diagnostics(int lines) {
        StringBuilder sb = new StringBuilder();
        for (ComponentProcess p : processes.values()) {
            sb.append("\n--- ").append(p.component().binary()).append(" (").append(p.state()).append(") last lines of ")
                    .append(p.log()).append(" ---\n").append(p.logTail(lines));
        }
        return sb.toString();
    }

    private void requireOpen(String what) {
        if (closed) {
            throw new IllegalStateException("cluster " + clusterId + " is closed; cannot " + what + " a component");
        }
    }
}
