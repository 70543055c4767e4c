package dev.mutineer.cluster.traffic;

import java.time.Instant;
import java.util.List;

/**
 * Client traffic running against a cluster's workload (see {@link TrafficTarget}), from its start until
 * {@link #close()}. It runs across golden runs, resets and observations; each reader asks for the seconds of
 * its own window.
 */
public interface Traffic extends AutoCloseable {

    TrafficTarget target();

    /** The completed seconds whose start lies in [from, to), oldest first; a second still in progress is left out. */
    List<ClientSecond> seconds(Instant from, Instant to);

    /** Stops the generator and its process; idempotent. */
    @Override
    void close();
}
