package dev.mutineer.classifier.observe;

import dev.mutineer.classifier.observation.PodStatus;
import dev.mutineer.classifier.observation.WorkloadKind;
import dev.mutineer.classifier.observation.WorkloadStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps each workload kind's own spec and status fields onto the common counters of {@link WorkloadStatus}. */
final class WorkloadFacts {

    private WorkloadFacts() {
    }

    static WorkloadStatus of(Deployment d) {
        var s = d.getStatus();
        return status(WorkloadKind.Deployment, d, d.getSpec() == null ? null : d.getSpec().getReplicas(),
                s == null ? null : s.getReplicas(), s == null ? null : s.getReadyReplicas(),
                s == null ? null : s.getAvailableReplicas(), s == null ? null : s.getObservedGeneration());
    }

    static WorkloadStatus of(ReplicaSet r) {
        var s = r.getStatus();
        return status(WorkloadKind.ReplicaSet, r, r.getSpec() == null ? null : r.getSpec().getReplicas(),
                s == null ? null : s.getReplicas(), s == null ? null : s.getReadyReplicas(),
                s == null ? null : s.getAvailableReplicas(), s == null ? null : s.getObservedGeneration());
    }

    static WorkloadStatus of(StatefulSet st) {
        var s = st.getStatus();
        return status(WorkloadKind.StatefulSet, st, st.getSpec() == null ? null : st.getSpec().getReplicas(),
                s == null ? null : s.getReplicas(), s == null ? null : s.getReadyReplicas(),
                s == null ? null : s.getAvailableReplicas(), s == null ? null : s.getObservedGeneration());
    }

    static WorkloadStatus of(DaemonSet d) {
        var s = d.getStatus();
        return status(WorkloadKind.DaemonSet, d, s == null ? null : s.getDesiredNumberScheduled(),
                s == null ? null : s.getCurrentNumberScheduled(), s == null ? null : s.getNumberReady(),
                s == null ? null : s.getNumberAvailable(), s == null ? null : s.getObservedGeneration());
    }

    /** A Job's "available" is its succeeded count: finished work is what a Job provides. */
    static WorkloadStatus of(Job j) {
        var s = j.getStatus();
        return status(WorkloadKind.Job, j, j.getSpec() == null ? null : j.getSpec().getParallelism(),
                s == null ? null : s.getActive(), s == null ? null : s.getReady(),
                s == null ? null : s.getSucceeded(), null);
    }

    private static WorkloadStatus status(WorkloadKind kind, HasMetadata o, Integer desired, Integer current,
                                         Integer ready, Integer available, Long observedGeneration) {
        String ns = o.getMetadata().getNamespace();
        Long generation = o.getMetadata().getGeneration();
        return new WorkloadStatus(kind, ns, o.getMetadata().getName(),
                ClusterSampler.controllerKey(o.getMetadata().getOwnerReferences(), ns),
                orZero(desired), orZero(current), orZero(ready), orZero(available), 0,
                generation == null ? 0 : generation, observedGeneration == null ? 0 : observedGeneration);
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    /**
     * Fills in each workload's live pods: those it controls directly, plus those of the workloads it owns
     * (a Deployment's ReplicaSets), so a root's count covers its whole family.
     */
    static List<WorkloadStatus> withPodCounts(List<WorkloadStatus> workloads, List<PodStatus> pods) {
        Map<String, Integer> direct = new HashMap<>();
        pods.stream().filter(p -> p.live() && !p.deleting() && p.controller() != null)
                .forEach(p -> direct.merge(p.controller(), 1, Integer::sum));
        Map<String, Integer> viaChildren = new HashMap<>();
        for (WorkloadStatus w : workloads) {
            if (w.owner() != null) {
                viaChildren.merge(w.owner(), direct.getOrDefault(w.key(), 0), Integer::sum);
            }
        }
        List<WorkloadStatus> out = new ArrayList<>();
        for (WorkloadStatus w : workloads) {
            int n = direct.getOrDefault(w.key(), 0) + viaChildren.getOrDefault(w.key(), 0);
            out.add(new WorkloadStatus(w.kind(), w.namespace(), w.name(), w.owner(), w.desired(), w.current(), w.ready(),
                    w.available(), n, w.generation(), w.observedGeneration()));
        }
        return out;
    }
}
