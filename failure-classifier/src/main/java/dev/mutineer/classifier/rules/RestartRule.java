package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.observation.Sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Informational: container restarts per namespace rose more than in any golden run. Restarting pods lose
 * readiness, which the replica rules judge; this only adds the evidence of why.
 */
public final class RestartRule implements SymptomRule {

    @Override
    public List<Finding> check(RuleInput in) {
        List<Finding> out = new ArrayList<>();
        Map<String, Long> first = null;
        List<Sample> samples = in.observation().samples();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (!s.readable("pods")) {
                continue;
            }
            Map<String, Long> now = s.restartsByNamespace();
            if (first == null) {
                first = now;
                continue;
            }
            for (Map.Entry<String, Long> e : now.entrySet()) {
                long rise = e.getValue() - first.getOrDefault(e.getKey(), 0L);
                long golden = in.baseline().restartIncrease().getOrDefault(e.getKey(), 0L);
                if (rise > golden) {
                    out.add(new Finding(i, s.t(), SymptomKind.POD_RESTARTS, null, "namespace/" + e.getKey(),
                            "restarts since start", Long.toString(rise), "<= " + golden));
                }
            }
        }
        return out;
    }
}
