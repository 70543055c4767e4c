package dev.mutineer.campaign.run;

import dev.mutineer.classifier.Verdict;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.injector.inject.FaultEvidence;
import dev.mutineer.injector.spec.InjectionSpec;

import java.time.Instant;
import java.util.List;

/**
 * What one injection did and what came of it.
 *
 * @param observation     null when the injection was not activated (nothing to watch)
 * @param notAtRestBefore what was still not at rest when the reset gave up waiting (empty: a clean start)
 * @param corruptedStillStored the fault's answer at the end: its corruption still stored (what the classifier was told)
 */
public record InjectionRun(InjectionSpec spec, FaultEvidence record, Observation observation, Verdict verdict,
                           PhaseTimes phases, Instant startedAt, Instant finishedAt, List<String> notAtRestBefore,
                           boolean corruptedStillStored) {

    public InjectionRun {
        notAtRestBefore = List.copyOf(notAtRestBefore);
    }
}
