package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.baseline.WorkloadBaseline;
import dev.mutineer.classifier.observation.PodStatus;
import dev.mutineer.classifier.observation.Sample;

import java.util.List;
import java.util.Map;

/**
 * Pods a golden root workload asked for whose containers cannot start: a container waits for a reason of
 * {@link PodStatus#CANNOT_START} (its image cannot be found or pulled, its configuration cannot be made, it keeps
 * crashing), counted over the workload's whole family as the sample's owners give it (a rollout's new ReplicaSet
 * included). More such pods than in any golden sample is PODS_CANNOT_START, indicating UNDER_PROVISIONING: the
 * workload has a replica slot filled by a pod that serves nothing. A Deployment whose new revision has a corrupted
 * image is the case in point: with maxUnavailable 0 its old pods keep serving, its counters look like one pod too
 * many, and what an operator sees is a rollout that cannot get a single new replica running.
 *
 * <p>Per sample, one finding for the count (signal "pods that cannot start", value the count, expected the golden
 * range) and one per such pod, the first {@link #PODS_NAMED} by name (signal "pod NAME", value its waiting reason),
 * so the evidence names pod, reason and, through the symptom's times, when. {@link WorkloadReplicasRule} does not
 * count these pods as excess. kwok never reports a waiting container, so kwok-only verdicts are unchanged.
 */
public final class CannotStartPodsRule extends PerSampleRule {

    /** Pods named per workload and sample; the count finding carries the rest. */
    static final int PODS_NAMED = 5;

    static final String COUNT_SIGNAL = "pods that cannot start";

    @Override
    protected List<String> needs() {
        return List.of("pods");
    }

    @Override
    protected void check(int i, Sample s, RuleInput in, List<Finding> out) {
        Map<String, List<PodStatus>> byRoot = s.cannotStartByRoot();
        for (Map.Entry<String, WorkloadBaseline> e : in.baseline().workloads().entrySet()) {
            WorkloadBaseline golden = e.getValue();
            List<PodStatus> stuck = byRoot.getOrDefault(e.getKey(), List.of());
            if (golden.owner() != null || !golden.cannotStart().above(stuck.size())) {
                continue;
            }
            out.add(new Finding(i, s.t(), SymptomKind.PODS_CANNOT_START, Outcome.UNDER_PROVISIONING, e.getKey(),
                    COUNT_SIGNAL, Integer.toString(stuck.size()), golden.cannotStart().toString()));
            stuck.stream().limit(PODS_NAMED).forEach(p -> out.add(new Finding(i, s.t(), SymptomKind.PODS_CANNOT_START,
                    Outcome.UNDER_PROVISIONING, e.getKey(), "pod " + p.name(), p.waiting(), "running")));
        }
    }
}
