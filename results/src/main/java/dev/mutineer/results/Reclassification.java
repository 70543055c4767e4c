package dev.mutineer.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.Verdict;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One recorded verdict beside the one the current classifier gives for the same stored observation and baseline
 * (`mutineer report DIR --reclassify`): one line of reclassified.jsonl. The journal itself is never rewritten.
 *
 * @param id        the journal ID
 * @param recorded  the class the journal holds
 * @param outcome   the class now; the recorded one when the record could not be judged again ({@code kept} says why)
 * @param rule      the current classifier's precedence rule and reason (a TRANSIENT one says how long it lasted);
 *                  empty when kept
 * @param added     decisive symptoms the current classifier finds that the record does not hold (by kind, subject and
 *                  signal): what the current rules see that the recorded ones did not
 * @param dropped   decisive symptoms the record holds that the current classifier no longer finds
 * @param symptoms  every symptom of the current verdict
 * @param kept      why the record was not judged again (not activated, no observation stored, no baseline); null when
 *                  it was
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reclassification(String id, String variant, String kind, String object, String fieldPath, String operator,
                               Outcome recorded, Outcome outcome, String rule, List<Symptom> added, List<Symptom> dropped,
                               List<Symptom> symptoms, Long timeToFirstSymptomMillis, Long timeToRecoverMillis,
                               String kept) {

    public Reclassification {
        added = added == null ? List.of() : List.copyOf(added);
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
        symptoms = symptoms == null ? List.of() : List.copyOf(symptoms);
    }

    /** The recorded verdict against the current one. Pure. */
    public static Reclassification of(JournalRecord recorded, Verdict now) {
        return new Reclassification(recorded.id(), recorded.variant(), recorded.kind(), recorded.object(),
                recorded.fieldPath(), recorded.operator(), recorded.outcome(), now.outcome(), now.rule(),
                missingFrom(now.symptoms(), recorded.symptoms()), missingFrom(recorded.symptoms(), now.symptoms()),
                now.symptoms(), now.firstSymptomMillis(), now.timeToRecoverMillis(), null);
    }

    /** A record not judged again: its recorded verdict stands. */
    public static Reclassification kept(JournalRecord recorded, String why) {
        return new Reclassification(recorded.id(), recorded.variant(), recorded.kind(), recorded.object(),
                recorded.fieldPath(), recorded.operator(), recorded.outcome(), recorded.outcome(), "", List.of(), List.of(),
                recorded.symptoms(), recorded.timeToFirstSymptomMillis(), recorded.timeToRecoverMillis(), why);
    }

    @JsonIgnore
    public boolean changed() {
        return recorded != outcome;
    }

    /**
     * Why the class changed, in words: the symptoms that decide the new class that the record lacked, else (a class
     * lost its evidence) the recorded symptoms that decided the old one and are gone.
     */
    @JsonIgnore
    public List<String> because() {
        List<String> out = new ArrayList<>();
        added.stream().filter(s -> s.indicates() == outcome).forEach(s -> out.add("+ " + s.describe()));
        dropped.stream().filter(s -> s.indicates() == recorded).forEach(s -> out.add("- " + s.describe()));
        if (out.isEmpty()) {
            added.forEach(s -> out.add("+ " + s.describe()));
            dropped.forEach(s -> out.add("- " + s.describe()));
        }
        return out;
    }

    /** The decisive symptoms of {@code in} with no decisive symptom of the same kind, subject and signal in {@code other}. */
    static List<Symptom> missingFrom(List<Symptom> in, List<Symptom> other) {
        Set<String> known = new HashSet<>();
        other.stream().filter(Symptom::decisive).forEach(s -> known.add(identity(s)));
        return in.stream().filter(Symptom::decisive).filter(s -> !known.contains(identity(s))).toList();
    }

    private static String identity(Symptom s) {
        return s.kind() + "\u0000" + s.subject() + "\u0000" + s.signal();
    }
}
