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
            if (state != null && state != ComponentState.RUNNING) {
                out.add(new Finding(i, s.t(), SymptomKind.COMPONENT_DOWN, Outcome.CLUSTER_WIDE,
                        "component/" + c.binary(), "process", state.name(), ComponentState.RUNNING.name()));
            }
            if (state == null) {
                // The backend could not tell: no evidence of a crash, but its error is recorded as what was seen.
                s.backendErrors().stream().filter(e -> e.component() == null || e.component() == c).findFirst()
                        .ifPresent(e -> out.add(new Finding(i, s.t(), SymptomKind.COMPONENT_STATE_UNKNOWN, null,
                                "component/" + c.binary(), "process", "unknown: " + e.message(), ComponentState.RUNNING.name())));
            }
        }
    }
}
