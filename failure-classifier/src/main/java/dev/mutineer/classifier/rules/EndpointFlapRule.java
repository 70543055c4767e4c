package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.baseline.HistoryBaseline;
import dev.mutineer.classifier.observation.EndpointTimeline;
import dev.mutineer.classifier.observation.EndpointTimeline.EndpointChange;
import dev.mutineer.classifier.observation.Observation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Endpoint flaps: a Service's endpoints appeared, went or changed readiness more often in the window than in any
 * golden window, however briefly (a pod deleted and replaced between two samples leaves the samples' endpoint counts
 * as they were, not the EndpointSlice's history). One finding per change, the pod and the time as evidence.
 *
 * <p>It indicates SERVICE_NETWORKING: while the endpoints flap, the Service routes to fewer (or other) pods than it
 * should. A flap is over once it happened, so it is never present at the end: flaps alone make TRANSIENT; endpoints
 * still wrong at the end are judged by the endpoint and routing rules. A baseline learned before endpoint histories
 * were kept has no golden count: golden windows of those campaigns had no endpoint changes (steady state, nothing
 * rolls), so zero is assumed and said in the evidence.
 */
public final class EndpointFlapRule extends HistoryRule {

    @Override
    protected List<Finding> check(Observation o, HistoryBaseline golden, long end) {
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, List<EndpointTimeline.State>> e : EndpointTimeline.of(o.history(), end).entrySet()) {
            List<EndpointChange> changes = EndpointTimeline.changes(e.getValue());
            int max = golden.endpointChanges() == null ? 0 : golden.endpointChanges().getOrDefault(e.getKey(), 0);
            if (changes.size() <= max) {
                continue;
            }
            String expected = "<= " + max + " endpoint changes per window" + (golden.endpointChanges() == null
                    ? " (assumed: the baseline predates endpoint histories)" : "") + " (" + changes.size() + " here)";
            for (EndpointChange c : changes) {
                out.add(new Finding(HistoryTime.sampleBefore(o.samples(), c.t()), c.t(), SymptomKind.ENDPOINT_FLAPS,
                        Outcome.SERVICE_NETWORKING, e.getKey(), "endpoints", c.describe(), expected));
            }
        }
        return out;
    }
}
