package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.baseline.Range;
import dev.mutineer.classifier.observation.Sample;

import java.util.List;
import java.util.Map;

/**
 * More live pods without an existing controller than the golden runs had, per namespace: pods whose owner
 * reference or labels were corrupted are released and replaced, so they run on as extra capacity.
 */
public final class OrphanPodRule extends PerSampleRule {

    @Override
    protected List<String> needs() {
        return List.of("pods");
    }

    @Override
    protected void check(int i, Sample s, RuleInput in, List<Finding> out) {
        for (Map.Entry<String, Long> e : s.orphansByNamespace().entrySet()) {
            Range golden = in.baseline().orphanPods().getOrDefault(e.getKey(), Range.of(0));
            if (golden.above(e.getValue())) {
                out.add(new Finding(i, s.t(), SymptomKind.ORPHAN_PODS, Outcome.OVER_PROVISIONING,
                        "namespace/" + e.getKey(), "orphan pods", e.getValue().toString(), golden.toString()));
            }
        }
    }
}
