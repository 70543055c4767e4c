package dev.mutineer.classifier.baseline;

/**
 * The golden ranges of one workload's counters. owner is the golden controlling owner's key, null for roots.
 *
 * @param cannotStart pods of its family whose containers could not start
 *                    ({@link dev.mutineer.classifier.observation.PodStatus#cannotStart()}); 0 in baselines learned
 *                    before it was (kwok pods never have any)
 */
public record WorkloadBaseline(String owner, Range desired, Range current, Range ready, Range available, Range pods,
                               Range cannotStart) {

    public WorkloadBaseline {
        cannotStart = cannotStart == null ? Range.of(0) : cannotStart;
    }

    /** A workload none of whose golden pods failed to start. */
    public WorkloadBaseline(String owner, Range desired, Range current, Range ready, Range available, Range pods) {
        this(owner, desired, current, ready, available, pods, Range.of(0));
    }
}
