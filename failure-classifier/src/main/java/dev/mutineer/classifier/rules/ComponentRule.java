package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;

import java.util.ArrayList;
import java.util.List;

/** A control-plane process that ran throughout the golden runs is down or frozen: its controllers have stopped. */
public final class ComponentRule implements SymptomRule {

    @Override
    public List<Finding> check(RuleInput in) {
        List<Finding> out = new ArrayList<>();
        List<Sample> samples = in.observation().samples();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            for (Component c : in.baseline().alwaysRunning()) {
                ComponentState state = s.components().get(c);
                // Absent means the backend could not tell in this sample; that is no evidence of a crash.
                if (state != null && state != ComponentState.RUNNING) {
                    out.add(new Finding(i, s.t(), SymptomKind.COMPONENT_DOWN, Outcome.CLUSTER_WIDE,
                            "component/" + c.binary(), "process", state.name(), ComponentState.RUNNING.name()));
                }
            }
        }
        return out;
    }
}
