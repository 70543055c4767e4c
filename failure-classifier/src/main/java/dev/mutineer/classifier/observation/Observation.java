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
 * @param history           every change of the watched objects during the window, oldest first (see
 *                          {@link HistoryEvent}); empty in observations recorded before the history was
 */
public record Observation(Instant startedAt, long intervalMillis, long windowMillis, List<Sample> samples,
                          List<WarningEvent> warningEvents, String storedValueAtEnd, List<ComponentExit> exits,
                          List<ClientSecond> client, List<HistoryEvent> history) {

    public Observation {
        samples = List.copyOf(samples);
        warningEvents = List.copyOf(warningEvents);
        // observations recorded before exits (or client traffic) were have none
        exits = exits == null ? List.of() : List.copyOf(exits);
        client = client == null ? List.of() : List.copyOf(client);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** An observation without a history. */
    public Observation(Instant startedAt, long intervalMillis, long windowMillis, List<Sample> samples,
                       List<WarningEvent> warningEvents, String storedValueAtEnd, List<ComponentExit> exits,
                       List<ClientSecond> client) {
        this(startedAt, intervalMillis, windowMillis, samples, warningEvents, storedValueAtEnd, exits, client, List.of());
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
        return new Observation(startedAt, intervalMillis, windowMillis, samples, warningEvents, value, exits, client, history);
    }

    public Observation withClient(List<ClientSecond> seconds) {
        return new Observation(startedAt, intervalMillis, windowMillis, samples, warningEvents, storedValueAtEnd, exits, seconds, history);
    }

    public Observation withHistory(List<HistoryEvent> events) {
        return new Observation(startedAt, intervalMillis, windowMillis, samples, warningEvents, storedValueAtEnd, exits, client, events);
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
