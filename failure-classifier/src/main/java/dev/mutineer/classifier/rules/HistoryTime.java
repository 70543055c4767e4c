package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.observation.Sample;

import java.util.List;

/** Where a history event falls among the samples. */
final class HistoryTime {

    private HistoryTime() {
    }

    /**
     * The index of the last sample taken at or before {@code t} (0 for what came before the first sample), never the
     * last sample: an event is over once it happened, so it does not make a symptom "present at the end"; the
     * sample after it is where the verdict's recovery time starts.
     */
    static int sampleBefore(List<Sample> samples, long t) {
        int index = 0;
        for (int i = 0; i < samples.size() - 1; i++) {
            if (samples.get(i).t() <= t) {
                index = i;
            }
        }
        return index;
    }
}
