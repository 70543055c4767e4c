package dev.mutineer.classifier.observation;

import dev.mutineer.cluster.Component;

/**
 * The cluster backend could not tell a component's state at one sample: not evidence of a crash, but no evidence
 * of health either, so it is recorded rather than read as "nothing to say".
 *
 * @param component the component asked about; null when the backend could not even list its components
 * @param message   the backend's error, shortened
 */
public record BackendError(Component component, String message) {
}
