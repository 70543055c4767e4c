package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentExit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts a control-plane process that exited by itself again, as kubelet restarts a static pod of a kubeadm
 * control plane: after a {@link RestartBackOff}, and only while nobody stopped it on purpose (a component
 * fault's stop or kill holds it down until the fault's own start, a reset starts it itself). Every exit is
 * recorded with its status and the end of the process's log.
 */
final class Supervisor {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final int LOG_LINES = 20;

    private final ProcessTable processes;
    private final RestartBackOff backOff;
    private final String clusterId;
    private final List<ComponentExit> exits = new ArrayList<>();
    /** The delay before each component's last restart by the supervisor. */
    private final Map<Component, Duration> lastDelay = new EnumMap<>(Component.class);
    private final ScheduledExecutorService timer;
    private boolean closed;

    Supervisor(ProcessTable processes, RestartBackOff backOff, String clusterId) {
        this.processes = processes;
        this.backOff = backOff;
        this.clusterId = clusterId;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mutineer-supervisor-" + clusterId);
            t.setDaemon(true);
            return t;
        });
    }

    /** A process exited by itself: record it and start it again after the back-off. */
    void exited(ComponentProcess p, int exitValue, Instant startedAt, Instant exitedAt) {
        Component c = p.component();
        List<String> lastLines = p.lastLogLines(LOG_LINES);
        synchronized (this) {
            if (closed) {
                return;
            }
            Duration upFor = Duration.between(startedAt, exitedAt);
            Duration delay = backOff.next(Optional.ofNullable(lastDelay.get(c)), upFor);
            lastDelay.put(c, delay);
            int index = exits.size();
            ComponentExit exit = new ComponentExit(c, exitedAt, exitValue, upFor, lastLines, delay, null);
            exits.add(exit);
            LOG.warn("cluster {}: {} exited by itself ({}) after {} s up; starting it again in {} s; last log lines:\n{}",
                    clusterId, c.binary(), exit.status(), upFor.toMillis() / 1000.0, delay.toMillis() / 1000.0,
                    String.join("\n", lastLines));
            timer.schedule(() -> restart(c, index), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void restart(Component c, int index) {
        try {
            if (!processes.startExited(c)) {
                LOG.info("cluster {}: {} not started again by its supervisor: stopped on purpose, already started, or closed",
                        clusterId, c.binary());
                return;
            }
        } catch (RuntimeException e) {
            LOG.warn("cluster {}: supervisor could not start {} again: {}", clusterId, c.binary(), e.toString());
            return;
        }
        synchronized (this) {
            exits.set(index, exits.get(index).restarted(Instant.now()));
        }
        LOG.info("cluster {}: supervisor started {} again", clusterId, c.binary());
    }

    synchronized List<ComponentExit> exits() {
        return List.copyOf(exits);
    }

    /** Ends supervision: no exit is recorded and nothing is started from now on. Idempotent. */
    synchronized void close() {
        closed = true;
        timer.shutdownNow();
    }
}
