package dev.mutineer.classifier;

import dev.mutineer.classifier.observation.Offset;

/**
 * One deviation from the golden baseline, with its evidence, aggregated over the samples it showed in.
 *
 * @param kind           what deviated
 * @param indicates      the outcome class this symptom points to; null for informational symptoms that never
 *                       decide a class on their own (Warning events, restarts)
 * @param subject        what it happened to, e.g. "Deployment/default/web", "apiserver", "node/kwok-node-1"
 * @param signal         the observed signal, e.g. "readyReplicas", "/readyz", "LIST pods"
 * @param value          the values the signal took while the symptom showed, in order with repeats collapsed,
 *                       e.g. "1->0->2" for a dip that recovered; one value when it held steady
 * @param expected       what the golden runs showed, e.g. "3..3"
 * @param firstSeenMillis time since the start of the observation when it was first seen
 * @param lastSeenMillis time since the start of the observation when it was last seen
 * @param presentAtEnd   true when the last sample still shows it
 */
public record Symptom(SymptomKind kind, Outcome indicates, String subject, String signal, String value,
                      String expected, long firstSeenMillis, long lastSeenMillis, boolean presentAtEnd) {

    /** False for informational symptoms. */
    public boolean decisive() {
        return indicates != null;
    }

    /** One line for reports and logs. */
    public String describe() {
        return kind + " " + subject + " " + signal + "=" + value + " (golden " + expected + ") at "
                + Offset.millis(firstSeenMillis) + (presentAtEnd ? ", still at end" : ", gone by " + Offset.millis(lastSeenMillis));
    }
}
