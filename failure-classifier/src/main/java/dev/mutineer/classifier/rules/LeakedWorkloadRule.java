package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.baseline.WorkloadBaseline;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.classifier.observation.WorkloadStatus;

import java.util.List;

/**
 * A workload with pods that no one owns but that was no golden root: a ReplicaSet released by its Deployment
 * (whose replacement then runs next to it), or a workload that appeared from nowhere. Its pods are leaked.
 */
public final class LeakedWorkloadRule extends PerSampleRule {

    @Override
    protected List<String> needs() {
        return List.of("pods");
    }

    @Override
    protected void check(int i, Sample s, RuleInput in, List<Finding> out) {
        for (WorkloadStatus w : s.workloads()) {
            WorkloadBaseline golden = in.baseline().workloads().get(w.key());
            boolean goldenRoot = golden != null && golden.owner() == null;
            if (w.owner() == null && !goldenRoot && w.pods() > 0) {
                out.add(new Finding(i, s.t(), SymptomKind.LEAKED_WORKLOAD, Outcome.OVER_PROVISIONING, w.key(),
                        "pods without a golden owner", Integer.toString(w.pods()),
                        golden == null ? "no such workload" : "owned by " + golden.owner()));
            }
        }
    }
}
