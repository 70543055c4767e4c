package dev.mutineer.classifier.observation;

import dev.mutineer.cluster.ComponentExit;
import dev.mutineer.cluster.traffic.ClientSecond;

import java.time.Instant;
import java.util.List;

/**
 * A cluster watched over one window: the samples in time order, the Warning events of the window, and the
 * injected object's stored value at the end (supplied by the caller, who can read etcd).
 *
 * @param startedAt         wall-clock time of the first sample; sample times are relative to it
 * @param intervalMillis    the sampling interval asked for
 * @param windowMillis      the window length asked for
 * @param storedValueAtEnd  the injected object's stored value (or a hash of it) at the end; null when not known
 * @param exits             control-plane processes that exited by themselves during the window (the backend's
 *                          supervisor started them again), oldest first
 * @param client            the client traffic's completed seconds within the window, oldest first; empty when no
 *                          traffic ran (kwok-only clusters)
 */
public record Observation(Instant startedAt, long intervalMillis, long windowMillis, List<Sample> samples,
                          List<WarningEvent> warningEvents, String storedValueAtEnd, List<ComponentExit> exits,
                          List<ClientSecond> client) {

    public Observation {
        samples = List.copyOf(samples);
        warningEvents = List.copyOf(warningEvents);
        // observations recorded before exits (or client traffic) were have none
        exits = exits == null ? List.of() : List.copyOf(exits);
        client = client == null ? List.of() : List.copyOf(client);
    }

    /** An observation without client traffic. */
    public Observation(Instant startedAt, long intervalMillis, long windowMillis, List<Sample> samples,
                       List<WarningEvent> warningEvents, String storedValueAtEnd, List<ComponentExit> exits) {
        this(startedAt, intervalMillis, windowMillis, samples, warningEvents, storedValueAtEnd, exits, List.of());
    }

    /** An observation in which no component exited by itself. */
    public Observation(Instant startedAt, long intervalMillis, long windowMillis, List<Sample> samples,
                       List<WarningEvent> warningEvents, String storedValueAtEnd) {
        this(startedAt, intervalMillis, windowMillis, samples, warningEvents, storedValueAtEnd, List.of());
    }

    public Observation withStoredValueAtEnd(String value) {
        return new Observation(startedAt, intervalMillis, windowMillis, samples, warningEvents, value, exits, client);
    }

    public Observation withClient(List<ClientSecond> seconds) {
        return new Observation(startedAt, intervalMillis, windowMillis, samples, warningEvents, storedValueAtEnd, exits, seconds);
    }

    /** When a client second started, in milliseconds since the first sample: the time base of the samples. */
    public long millisSinceStart(ClientSecond second) {
        return second.epochSecond() * 1000 - startedAt.toEpochMilli();
    }

    /** Milliseconds from the first sample to an instant, the time base of the samples. */
    public long millisSinceStart(Instant at) {
        return java.time.Duration.between(startedAt, at).toMillis();
    }

    public Sample lastSample() {
        if (samples.isEmpty()) {
            throw new IllegalStateException("observation started at " + startedAt + " has no samples");
        }
        return samples.get(samples.size() - 1);
    }
}
