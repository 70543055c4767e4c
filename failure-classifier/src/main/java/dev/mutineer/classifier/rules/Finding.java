package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;

/**
 * One deviation seen in one sample (or, for Warning events, at one time). The classifier folds findings with
 * the same kind, subject and signal into one {@link dev.mutineer.classifier.Symptom}.
 *
 * @param sample     index of the sample, or -1 for findings not tied to a sample
 * @param t          milliseconds since the start of the observation
 * @param indicates  the outcome class it points to; null when informational
 */
public record Finding(int sample, long t, SymptomKind kind, Outcome indicates, String subject, String signal,
                      String value, String expected) {
}
