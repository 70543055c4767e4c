package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.observation.ApiError;
import dev.mutineer.classifier.observation.Sample;

import java.util.List;

/**
 * A LIST failing for a resource type that never failed in the golden runs. An undecodable stored object makes
 * the whole type answer 429 until it is repaired, so every controller of that type is blind.
 */
public final class ResourceReadabilityRule extends PerSampleRule {

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
