package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.observation.ApiError;
import dev.mutineer.classifier.observation.Sample;

import java.util.ArrayList;
import java.util.List;

/**
 * A LIST failing for a resource type that never failed in the golden runs. An undecodable stored object makes
 * the whole type answer 429 until it is repaired, so every controller of that type is blind.
 */
public final class ResourceReadabilityRule implements SymptomRule {

    @Override
    public List<Finding> check(RuleInput in) {
        List<Finding> out = new ArrayList<>();
        List<Sample> samples = in.observation().samples();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            for (ApiError e : s.apiErrors()) {
                if (!in.baseline().erroringResources().contains(e.resource())) {
                    out.add(new Finding(i, s.t(), SymptomKind.RESOURCE_UNREADABLE, Outcome.CLUSTER_WIDE,
                            "resource/" + e.resource(), "LIST " + e.resource(), e.code() + " " + e.message(), "200"));
                }
            }
        }
        return out;
    }
}
