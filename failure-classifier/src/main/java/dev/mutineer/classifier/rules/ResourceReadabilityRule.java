package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.observation.ApiError;
import dev.mutineer.classifier.observation.Sample;

import java.util.List;

/**
 * A LIST failing, in at least two consecutive samples, for a resource type that never failed in the golden runs.
 * An undecodable stored object breaks the whole type until it is repaired, so every controller of that type is
 * blind.
 */
public final class ResourceReadabilityRule extends PerSampleRule {

    @Override
    public List<Finding> check(RuleInput in) {
        return Persistence.atLeast(2, super.check(in));
    }

    @Override
    protected void check(int i, Sample s, RuleInput in, List<Finding> out) {
        for (ApiError e : s.apiErrors()) {
            if (!in.baseline().erroringResources().contains(e.resource())) {
                out.add(new Finding(i, s.t(), SymptomKind.RESOURCE_UNREADABLE, Outcome.CLUSTER_WIDE,
                        "resource/" + e.resource(), "LIST " + e.resource(), e.code() + " " + e.message(), "200"));
            }
        }
    }
}
