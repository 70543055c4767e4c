package dev.mutineer.classifier.baseline;

/** The golden ranges of one workload's counters. owner is the golden controlling owner's key, null for roots. */
public record WorkloadBaseline(String owner, Range desired, Range current, Range ready, Range available, Range pods) {
}
