package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.classifier.observation.WorkloadStatus;
import dev.mutineer.cluster.resource.ResourceKinds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A workload whose controller has not observed its latest spec (status.observedGeneration below
 * metadata.generation) for {@value #STALLED_SAMPLES} samples in a row: its controller is stalled or cannot
 * process it. Informational on its own (the change simply is not rolled out); in a workload beyond the target's
 * own, {@link CollateralDamageRule} turns it into cluster-wide damage, which is how a stalled controller that
 * still runs shows. Jobs are skipped: they report no observedGeneration.
 */
public final class ControllerProgressRule implements SymptomRule {

    static final int STALLED_SAMPLES = 5;

    @Override
    public List<Finding> check(RuleInput in) {
        List<Finding> out = new ArrayList<>();
        Map<String, Integer> lagging = new HashMap<>();
        List<Sample> samples = in.observation().samples();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            for (WorkloadStatus w : s.workloads()) {
                if (ResourceKinds.require(w.kind()).counters().observedGeneration() == null) {
                    continue;
                }
                int run = w.observedGeneration() < w.generation() ? lagging.getOrDefault(w.key(), 0) + 1 : 0;
                lagging.put(w.key(), run);
                if (run >= STALLED_SAMPLES) {
                    out.add(new Finding(i, s.t(), SymptomKind.GENERATION_NOT_OBSERVED, null, w.key(),
                            "observedGeneration", w.observedGeneration() + " of " + w.generation(), "caught up"));
                }
            }
        }
        return out;
    }
}
