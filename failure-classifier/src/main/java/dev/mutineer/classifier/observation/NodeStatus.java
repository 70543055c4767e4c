package dev.mutineer.classifier.observation;

/** One node at one sample: ready is the Ready condition being True. */
public record NodeStatus(String name, boolean ready) {
}
