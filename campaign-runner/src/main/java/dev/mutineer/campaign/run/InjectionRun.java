package dev.mutineer.campaign.run;

import dev.mutineer.classifier.Verdict;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.injector.inject.InjectionRecord;
import dev.mutineer.injector.spec.InjectionSpec;

import java.time.Instant;

/**
 * What one injection did and what came of it.
 *
 * @param observation null when the injection was not activated (nothing to watch)
 */
public record InjectionRun(InjectionSpec spec, InjectionRecord record, Observation observation, Verdict verdict,
                           PhaseTimes phases, Instant startedAt, Instant finishedAt) {
}
