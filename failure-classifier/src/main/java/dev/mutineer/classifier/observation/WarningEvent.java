package dev.mutineer.classifier.observation;

/**
 * A Warning event seen during the observation window.
 *
 * @param firstSeenMillis  time since the start of the observation when the observer first saw it
 * @param involvedObject   "Kind/name" of the object it is about
 * @param count            the event's count when last seen
 */
public record WarningEvent(long firstSeenMillis, String namespace, String involvedObject, String reason,
                           String message, int count) {
}
