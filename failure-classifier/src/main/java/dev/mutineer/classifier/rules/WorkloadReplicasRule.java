package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.baseline.Range;
import dev.mutineer.classifier.baseline.WorkloadBaseline;
import dev.mutineer.classifier.observation.PodStatus;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.classifier.observation.WorkloadStatus;
import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The replica counters of every golden root workload (one no other workload owns) against their golden ranges.
 * Only roots are judged: a Deployment's status already sums its ReplicaSets, and judging each ReplicaSet would
 * call an ordinary rollout (one ReplicaSet scaled down, a new one up) both under- and over-provisioning.
 *
 * <p>Excess means pods that run: the over-provisioning checks of current and pods leave out the family's pods whose
 * containers cannot start ({@link dev.mutineer.classifier.observation.PodStatus#cannotStart()}). A rollout stuck on a
 * missing image has one pod more than desired, but that pod serves nothing; {@link CannotStartPodsRule} calls it
 * under-provisioning. The under-provisioning checks take the counters as they are.
 */
public final class WorkloadReplicasRule extends PerSampleRule {

    @Override
    protected void check(int i, Sample s, RuleInput in, List<Finding> out) {
        Map<String, WorkloadStatus> seen = new HashMap<>();
        s.workloads().forEach(w -> seen.put(w.key(), w));
        Map<String, List<PodStatus>> cannotStart = s.cannotStartByRoot();
        for (Map.Entry<String, WorkloadBaseline> e : in.baseline().workloads().entrySet()) {
            WorkloadBaseline golden = e.getValue();
            if (golden.owner() != null || !s.readable(kindOf(e.getKey()).resource())) {
                continue;
            }
            WorkloadStatus w = seen.get(e.getKey());
            if (w == null) {
                out.add(finding(i, s, SymptomKind.WORKLOAD_MISSING, Outcome.UNDER_PROVISIONING, e.getKey(), "exists", "absent", "present"));
                continue;
            }
            check(out, i, s, w, golden, s.readable("pods"), cannotStart.getOrDefault(w.key(), List.of()).size());
        }
    }

    private static void check(List<Finding> out, int i, Sample s, WorkloadStatus w, WorkloadBaseline g, boolean podsReadable,
                              int cannotStart) {
        String k = w.key();
        if (g.desired().below(w.desired())) {
            out.add(finding(i, s, SymptomKind.DESIRED_BELOW_GOLDEN, Outcome.UNDER_PROVISIONING, k, "desired", w.desired(), g.desired()));
        }
        if (g.desired().above(w.desired())) {
            out.add(finding(i, s, SymptomKind.DESIRED_ABOVE_GOLDEN, Outcome.OVER_PROVISIONING, k, "desired", w.desired(), g.desired()));
        }
        if (g.ready().below(w.ready())) {
            out.add(finding(i, s, SymptomKind.READY_BELOW_GOLDEN, Outcome.UNDER_PROVISIONING, k, "ready", w.ready(), g.ready()));
        }
        if (g.available().below(w.available())) {
            out.add(finding(i, s, SymptomKind.AVAILABLE_BELOW_GOLDEN, Outcome.UNDER_PROVISIONING, k, "available", w.available(), g.available()));
        }
        int runningCurrent = Math.max(0, w.current() - cannotStart);
        if (g.current().above(runningCurrent)) {
            out.add(finding(i, s, SymptomKind.PODS_ABOVE_GOLDEN, Outcome.OVER_PROVISIONING, k, "current", w.current(), g.current()));
        }
        if (podsReadable && g.pods().above(w.pods() - cannotStart)) {
            out.add(finding(i, s, SymptomKind.PODS_ABOVE_GOLDEN, Outcome.OVER_PROVISIONING, k, "pods", w.pods(), g.pods()));
        }
        if (podsReadable && g.pods().below(w.pods())) {
            out.add(finding(i, s, SymptomKind.PODS_BELOW_GOLDEN, Outcome.UNDER_PROVISIONING, k, "pods", w.pods(), g.pods()));
        }
    }

    private static Finding finding(int i, Sample s, SymptomKind kind, Outcome o, String subject, String signal, long value, Range golden) {
        return finding(i, s, kind, o, subject, signal, Long.toString(value), golden.toString());
    }

    private static Finding finding(int i, Sample s, SymptomKind kind, Outcome o, String subject, String signal, String value, String expected) {
        return new Finding(i, s.t(), kind, o, subject, signal, value, expected);
    }

    static ResourceKind kindOf(String workloadKey) {
        return ResourceKinds.require(workloadKey.substring(0, workloadKey.indexOf('/')));
    }
}
