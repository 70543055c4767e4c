package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.observation.NodeStatus;
import dev.mutineer.classifier.observation.Sample;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A node that was Ready in every golden sample is NotReady or gone. When it is the injected Node itself the
 * damage stays within the target (capacity lost: under-provisioning); any other node is damage beyond it.
 */
public final class NodeRule extends PerSampleRule {

    @Override
    protected List<String> needs() {
        return List.of("nodes");
    }

    @Override
    protected void check(int i, Sample s, RuleInput in, List<Finding> out) {
        Map<String, NodeStatus> nodes = s.nodes().stream()
                .collect(Collectors.toMap(NodeStatus::name, Function.identity(), (a, b) -> a));
        for (String name : in.baseline().readyNodes()) {
            NodeStatus n = nodes.get(name);
            if (n == null || !n.ready()) {
                boolean isTarget = "Node".equals(in.target().kind()) && name.equals(in.target().name());
                out.add(new Finding(i, s.t(), SymptomKind.NODE_NOT_READY,
                        isTarget ? Outcome.UNDER_PROVISIONING : Outcome.CLUSTER_WIDE,
                        "node/" + name, "Ready", n == null ? "absent" : "False", "True"));
            }
        }
    }
}
