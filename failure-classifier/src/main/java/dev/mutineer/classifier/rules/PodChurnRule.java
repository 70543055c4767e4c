package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.observation.Offset;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.baseline.HistoryBaseline;
import dev.mutineer.classifier.observation.HistoryEvent;
import dev.mutineer.classifier.observation.HistoryFacts;
import dev.mutineer.classifier.observation.HistoryFacts.PodChurn;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.Sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pods of a workload created or deleted beyond what any golden window did, however short-lived: a pod deleted and
 * recreated between two samples leaves the samples unchanged but not the history. One finding per created (or
 * deleted) pod, its name and time as the evidence.
 *
 * <p>It indicates TRANSIENT: churn is over once it happened, so it is never present at the end. Pods that are not
 * back by the end are judged by the replica rules (under-provisioning), extra pods by the pod and orphan rules;
 * churn alone, with the workload whole again, is a transient failure. Silent when the baseline was learned without
 * histories or the observation has none.
 */
public final class PodChurnRule extends HistoryRule {

    @Override
    protected List<Finding> check(Observation o, HistoryBaseline golden, long end) {
        List<Sample> samples = o.samples();
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, PodChurn> e : HistoryFacts.podChurn(o.history(), end).entrySet()) {
            HistoryBaseline.Churn max = golden.churn(e.getKey());
            report(e.getKey(), "pods created", e.getValue().created(), max.created(), samples, out);
            report(e.getKey(), "pods deleted", e.getValue().deleted(), max.deleted(), samples, out);
        }
        return out;
    }

    private static void report(String workload, String signal, List<HistoryEvent> events, int goldenMax,
                               List<Sample> samples, List<Finding> out) {
        if (events.size() <= goldenMax) {
            return;
        }
        String expected = "<= " + goldenMax + " per window (" + events.size() + " here)";
        for (HistoryEvent e : events) {
            out.add(new Finding(HistoryTime.sampleBefore(samples, e.t()), e.t(), SymptomKind.POD_CHURN, Outcome.TRANSIENT,
                    workload, signal, e.name() + " at " + Offset.millis(e.t()), expected));
        }
    }
}
