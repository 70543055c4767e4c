package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.InjectedObject;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.observation.PodStatus;
import dev.mutineer.cluster.resource.ResourceKinds;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Damage beyond the injected object's own workload. A workload's family is the root of its golden ownership
 * chain (Pod -> ReplicaSet -> Deployment). When the target belongs to a family, a workload symptom in any other
 * family is collateral. When the target belongs to none (a ConfigMap, a Service, a Node), symptoms in two or
 * more families are collateral: one object broke several unrelated workloads.
 *
 * <p>Runs after the other rules, on their workload findings.
 */
public final class CollateralDamageRule {

    private static final Set<SymptomKind> WORKLOAD_KINDS = Set.of(SymptomKind.WORKLOAD_MISSING,
            SymptomKind.DESIRED_BELOW_GOLDEN, SymptomKind.DESIRED_ABOVE_GOLDEN, SymptomKind.READY_BELOW_GOLDEN,
            SymptomKind.AVAILABLE_BELOW_GOLDEN, SymptomKind.PODS_BELOW_GOLDEN, SymptomKind.PODS_ABOVE_GOLDEN,
            SymptomKind.PODS_CANNOT_START,
            SymptomKind.LEAKED_WORKLOAD, SymptomKind.GENERATION_NOT_OBSERVED);

    public List<Finding> check(RuleInput in, List<Finding> earlier) {
        Optional<String> targetRoot = targetRoot(in);
        List<Finding> workloadFindings = earlier.stream().filter(f -> WORKLOAD_KINDS.contains(f.kind())).toList();
        Set<String> roots = new TreeSet<>();
        workloadFindings.forEach(f -> roots.add(in.baseline().goldenRoot(f.subject())));
        List<Finding> out = new ArrayList<>();
        for (Finding f : workloadFindings) {
            String root = in.baseline().goldenRoot(f.subject());
            boolean collateral = targetRoot.map(t -> !t.equals(root)).orElse(roots.size() >= 2);
            if (collateral) {
                out.add(new Finding(f.sample(), f.t(), SymptomKind.COLLATERAL_DAMAGE, Outcome.CLUSTER_WIDE, f.subject(),
                        f.kind() + " " + f.signal(), f.value(),
                        targetRoot.map(t -> "damage confined to " + t).orElse("damage confined to one workload")));
            }
        }
        return out;
    }

    /** The golden root of the target's own workload, if the target belongs to one. */
    static Optional<String> targetRoot(RuleInput in) {
        InjectedObject t = in.target();
        Baseline b = in.baseline();
        if (ResourceKinds.find(t.kind()).filter(k -> k.kind().equals(t.kind()) && k.isWorkload()).isPresent()) {
            return Optional.of(b.goldenRoot(t.key()));
        }
        if ("Pod".equals(t.kind())) {
            // The pod's controller as seen before the fault could act: the first sample that lists it.
            return in.observation().samples().stream()
                    .flatMap(s -> s.pods().stream())
                    .filter(p -> p.namespace().equals(t.namespace()) && p.name().equals(t.name()) && p.controller() != null)
                    .map(PodStatus::controller)
                    .findFirst()
                    .map(b::goldenRoot);
        }
        return Optional.empty();
    }
}
