package dev.mutineer.classifier;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mutineer.classifier.client.ClientView;

import java.util.List;

/**
 * The classifier's answer for one observation.
 *
 * @param outcome               the primary class
 * @param rule                  which precedence rule decided it, with its reason in words
 * @param symptoms              every symptom with its evidence, decisive ones first
 * @param firstSymptomMillis    time from the start of the observation to the first decisive symptom; null if none
 * @param recoveredMillis       time from the start of the observation to the first sample from which every later
 *                              sample was clean; null if never symptomatic or not recovered by the end
 * @param client                what the workload's clients saw; null when no client traffic ran (kwok-only), and
 *                              then left out of the JSON, so such verdicts read and write as before
 */
public record Verdict(Outcome outcome, String rule, List<Symptom> symptoms, Long firstSymptomMillis, Long recoveredMillis,
                      @JsonInclude(JsonInclude.Include.NON_NULL) ClientView client) {

    public Verdict {
        symptoms = List.copyOf(symptoms);
    }

    /** A verdict without client traffic. */
    public Verdict(Outcome outcome, String rule, List<Symptom> symptoms, Long firstSymptomMillis, Long recoveredMillis) {
        this(outcome, rule, symptoms, firstSymptomMillis, recoveredMillis, null);
    }

    /** Time from the first symptom to recovery; null unless both are known. */
    public Long timeToRecoverMillis() {
        // A symptom first seen after the sample it is judged in (a client second, a history event) may come later
        // than the recovery sample: the recovery is then at once, never negative (the journal refuses negative times).
        return firstSymptomMillis == null || recoveredMillis == null ? null : Math.max(0, recoveredMillis - firstSymptomMillis);
    }
}
