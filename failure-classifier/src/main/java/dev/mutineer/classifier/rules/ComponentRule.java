package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentExit;
import dev.mutineer.cluster.ComponentState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A process that ran throughout the golden runs is down or frozen. For the control plane that is cluster-wide: its
 * controllers have stopped. A real node's daemon (containerd, kubelet, kube-proxy) down is evidence but no class by
 * itself: what it causes (the node NotReady, pods not served) is judged by the node, workload and client rules.
 * A process that exited by itself during the window is reported too, with its status, its last log line and
 * when the supervisor started it again: the samples show the outage, the exit says why and how it ended.
 */
public final class ComponentRule extends PerSampleRule {

    private static final int MAX_LINE = 200;

    @Override
    public List<Finding> check(RuleInput in) {
        List<Finding> out = new ArrayList<>(super.check(in));
        Observation o = in.observation();
        int n = 0;
        for (ComponentExit e : o.exits()) {
            n++;
            out.add(new Finding(-1, o.millisSinceStart(e.exitedAt()), SymptomKind.COMPONENT_EXITED, null,
                    "component/" + e.component().binary(), "exit", exitEvidence(n, e, o), "no exit"));
        }
        return out;
    }

    /** "exit 1: SIGKILL after 42.0 s up, started again after 10.0 s at +13.2 s; last log line: ...". */
    static String exitEvidence(int n, ComponentExit e, Observation o) {
        String restart = e.restartedAt() == null
                ? "not started again by the end (back-off " + seconds(e.backOff()) + ")"
                : "started again after " + seconds(Duration.between(e.exitedAt(), e.restartedAt())) + " at +"
                        + seconds(Duration.ofMillis(o.millisSinceStart(e.restartedAt())));
        String lastLine = e.lastLogLines().isEmpty() ? "" : "; last log line: " + shorten(e.lastLogLines().get(e.lastLogLines().size() - 1));
        return "exit " + n + ": " + e.status() + " after " + seconds(e.upFor()) + " up, " + restart + lastLine;
    }

    private static String shorten(String line) {
        return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE) + "...";
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    @Override
    protected void check(int i, Sample s, RuleInput in, List<Finding> out) {
        for (Component c : in.baseline().alwaysRunning()) {
            ComponentState state = s.components().get(c);
            if (state != null && state != ComponentState.RUNNING) {
                out.add(new Finding(i, s.t(), SymptomKind.COMPONENT_DOWN, c.onNode() ? null : Outcome.CLUSTER_WIDE,
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
