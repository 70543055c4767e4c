package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.baseline.HistoryBaseline;
import dev.mutineer.classifier.observation.Observation;

import java.util.List;

/**
 * A rule over the observation's history, against what the golden histories showed. Silent when the baseline was
 * learned without histories or the observation has none (both recorded before there were histories).
 */
abstract class HistoryRule implements SymptomRule {

    @Override
    public final List<Finding> check(RuleInput in) {
        HistoryBaseline golden = in.baseline().history();
        Observation o = in.observation();
        if (golden == null || o.history().isEmpty()) {
            return List.of();
        }
        return check(o, golden, o.lastSample().t());
    }

    /** The findings of an observation with a history, up to {@code end} (the last sample's time). */
    protected abstract List<Finding> check(Observation o, HistoryBaseline golden, long end);
}
