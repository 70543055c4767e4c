package dev.mutineer.classifier.observation;

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
 */
public record Observation(Instant startedAt, long intervalMillis, long windowMillis, List<Sample> samples,
                          List<WarningEvent> warningEvents, String storedValueAtEnd) {

    public Observation {
        samples = List.copyOf(samples);
        warningEvents = List.copyOf(warningEvents);
    }

    public Observation withStoredValueAtEnd(String value) {
        return new Observation(startedAt, intervalMillis, windowMillis, samples, warningEvents, value);
    }

    public Sample lastSample() {
        if (samples.isEmpty()) {
            throw new IllegalStateException("observation started at " + startedAt + " has no samples");
        }
        return samples.get(samples.size() - 1);
    }
}
