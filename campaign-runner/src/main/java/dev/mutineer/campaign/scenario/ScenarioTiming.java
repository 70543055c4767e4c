package dev.mutineer.campaign.scenario;

import java.time.Duration;

/**
 * How long each phase of the scenario lasts.
 *
 * @param hold          from the scale-up to the sync trigger, the pod watch held all along; past the
 *                      controllers' 5-minute expectations TTL (controller.ExpectationsTimeout) for the bug to show
 * @param afterTrigger  the pod watch stays held this long after the trigger, for the controller to act on its
 *                      stale cache
 * @param sampleEvery   pod counts are sampled this often, throughout
 * @param converge      after the release, how long the cluster gets to reach the desired count again
 */
public record ScenarioTiming(Duration hold, Duration afterTrigger, Duration sampleEvery, Duration converge) {

    /** The expectations TTL of the Kubernetes workload controllers (pkg/controller/controller_utils.go). */
    public static final Duration EXPECTATIONS_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_HOLD = Duration.ofSeconds(320);

    public ScenarioTiming {
        if (hold.isNegative() || afterTrigger.isNegative() || sampleEvery.isNegative() || sampleEvery.isZero()
                || converge.isNegative()) {
            throw new IllegalArgumentException("scenario durations must be positive: " + this);
        }
    }

    public static ScenarioTiming withHold(Duration hold) {
        return new ScenarioTiming(hold, Duration.ofSeconds(20), Duration.ofSeconds(3), Duration.ofMinutes(2));
    }

    public static ScenarioTiming defaults() {
        return withHold(DEFAULT_HOLD);
    }

    /** False when the hold ends before the expectations expire: the controller then never acts on its stale cache. */
    public boolean outlastsExpectations() {
        return hold.compareTo(EXPECTATIONS_TTL) > 0;
    }
}
