package dev.mutineer.campaign.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mutineer.campaign.shard.MergeFile;
import dev.mutineer.classifier.Classifier;
import dev.mutineer.classifier.InjectedObject;
import dev.mutineer.classifier.InjectionFacts;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.injector.operator.DeleteOperator;
import dev.mutineer.results.BaselineFile;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalContents;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.Reclassification;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `mutineer report DIR --reclassify`: the current classifier over every stored observation (samples and history) of
 * a finished campaign, against the baseline the campaign recorded for the record's variant (in a merge output, the
 * baseline of the shard that recorded it), as etcd's robustness tests validate a kept history again when the checker
 * improves. Reads only; what it finds is written beside the journal by the caller.
 */
public final class Reclassify {

    /** "sha256:1a2b... rev 430": how the runner records the struck key's value at the end. */
    private static final Pattern STORED = Pattern.compile("sha256:\\S+ rev (\\d+)");

    private Reclassify() {
    }

    /** Every record of the journal in {@code dir}, judged again where it can be; damaged lines are the journal's warnings. */
    public static List<Reclassification> of(Path dir, JournalContents contents) {
        Classifier classifier = new Classifier();
        Map<String, Optional<Baseline>> baselines = new HashMap<>();
        List<Reclassification> out = new ArrayList<>();
        for (JournalRecord r : contents.records()) {
            Observation o = r.observation();
            if (!r.activated() || r.outcome() == Outcome.NOT_ACTIVATED) {
                out.add(Reclassification.kept(r, "not activated: nothing took effect to judge again"));
            } else if (o == null || o.samples().isEmpty()) {
                out.add(Reclassification.kept(r, "no observation stored"));
            } else {
                Path baselineDir = MergeFile.baselineDir(dir, r.id());
                Optional<Baseline> baseline = baselines.computeIfAbsent(baselineDir + "\u0000" + r.variant(),
                        k -> BaselineFile.read(baselineDir, r.variant()));
                out.add(baseline.map(b -> Reclassification.of(r, classifier.classify(o, b, facts(r))))
                        .orElseGet(() -> Reclassification.kept(r, "no " + BaselineFile.path(baselineDir, r.variant()).getFileName())));
            }
        }
        return out;
    }

    /** As {@link #of(Path, JournalContents)}, reading the journal (observations included) from {@code dir}. */
    public static List<Reclassification> of(Path dir) {
        return of(dir, Journal.read(dir));
    }

    /** What the injector knew when the record was classified, from what the record keeps. Pure. */
    static InjectionFacts facts(JournalRecord r) {
        return new InjectionFacts(new InjectedObject(r.kind(), r.namespace(), r.name()), true, corruptedStillStored(r));
    }

    /**
     * Whether the corrupted value was still stored at the end: the fault's own answer, as the record keeps it. A record
     * written before it kept one has it derived as the at-rest fault decided it: the struck key's mod revision at the
     * end equal to the injection's write (for a deletion: the key still absent); in-flight and component faults never
     * leave a corrupted value.
     */
    static boolean corruptedStillStored(JournalRecord r) {
        if (r.spec() != null && r.spec().path("corruptedStillStored").isBoolean()) {
            return r.spec().path("corruptedStillStored").asBoolean();
        }
        String stored = r.observation() == null ? null : r.observation().storedValueAtEnd();
        JsonNode injected = r.spec() == null ? null : r.spec().path("injected");
        if (stored == null || injected == null || !injected.path("key").isTextual() || injected.path("key").asText().isEmpty()) {
            return false;
        }
        if (stored.equals("(absent)")) {
            return deletes(r.operator());
        }
        Matcher m = STORED.matcher(stored);
        return m.matches() && Long.parseLong(m.group(1)) == injected.path("revisionAfter").asLong(-1);
    }

    /** An operator this version no longer has deletes nothing. */
    private static boolean deletes(String operator) {
        return Faults.find(operator).map(f -> f instanceof DeleteOperator).orElse(false);
    }
}
