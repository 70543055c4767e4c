package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.observation.Sample;

import java.util.ArrayList;
import java.util.List;

/**
 * A symptom rule that judges each sample on its own. Samples in which a resource type the rule needs could not
 * be listed are skipped: an empty list that failed to load says nothing about what exists.
 */
public abstract class PerSampleRule implements SymptomRule {

    /** Resource types whose LIST must have worked for a sample to be judged; none by default. */
    protected List<String> needs() {
        return List.of();
    }

    /** Adds the findings of sample {@code index} to {@code out}. */
    protected abstract void check(int index, Sample sample, RuleInput in, List<Finding> out);

    @Override
    public List<Finding> check(RuleInput in) {
        List<Finding> out = new ArrayList<>();
        List<Sample> samples = in.observation().samples();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (needs().stream().allMatch(s::readable)) {
                check(i, s, in, out);
            }
        }
        return out;
    }
}
