package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.InjectedObject;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.observation.Observation;

/** What every symptom rule looks at. */
public record RuleInput(Observation observation, Baseline baseline, InjectedObject target) {
}
