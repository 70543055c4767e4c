package dev.mutineer.results;

import dev.mutineer.classifier.Outcome;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many injections of one group (all, an operator, a kind, a field, ...) ended in each outcome class.
 * NOT_ACTIVATED is counted but left out of {@link #activated()} and the shares: a fault that never took effect
 * says nothing about how Kubernetes handles it.
 */
public record Distribution(String group, Map<Outcome, Integer> counts) {

    public Distribution {
        EnumMap<Outcome, Integer> all = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            all.put(o, counts.getOrDefault(o, 0));
        }
        counts = Map.copyOf(all);
    }

    public static Distribution of(String group, List<JournalRecord> results) {
        EnumMap<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        results.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
        return new Distribution(group, counts);
    }

    public int count(Outcome o) {
        return counts.get(o);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int activated() {
        return total() - count(Outcome.NOT_ACTIVATED);
    }

    /** Share of the activated injections, 0 when none were activated (or for NOT_ACTIVATED itself). */
    public double share(Outcome o) {
        return o == Outcome.NOT_ACTIVATED || activated() == 0 ? 0 : (double) count(o) / activated();
    }
}
