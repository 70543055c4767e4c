package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;

import java.util.List;

/** A control-plane process that ran throughout the golden runs is down or frozen: its controllers have stopped. */
public final class ComponentRule extends PerSampleRule {

    @Override
    protected void check(int i, Sample s, RuleInput in, List<Finding> out) {
        for (Component c : in.baseline().alwaysRunning()) {
            ComponentState state = s.components().get(c);
            // Absent means the backend could not tell in this sample; that is no evidence of a crash.
            if (state != null && state != ComponentState.RUNNING) {
                out.add(new Finding(i, s.t(), SymptomKind.COMPONENT_DOWN, Outcome.CLUSTER_WIDE,
                        "component/" + c.binary(), "process", state.name(), ComponentState.RUNNING.name()));
            }
        }
    }
}
