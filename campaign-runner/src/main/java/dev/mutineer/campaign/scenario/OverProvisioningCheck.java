package dev.mutineer.campaign.scenario;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.SymptomKind;

import java.util.List;

/**
 * The scenario's verdict: did the controller create more pods than its workload wants? Counted in etcd,
 * because while the pod watch is held the API server's cache shows too few. A pod in etcd beyond the
 * desired count at any sample is OVER_PROVISIONING (the failure class of the study and of
 * kubernetes#129795); otherwise NO_EFFECT.
 */
final class OverProvisioningCheck {

    record Verdict(Outcome outcome, List<Symptom> symptoms) {
    }

    private OverProvisioningCheck() {
    }

    static Verdict judge(StaleWorkload workload, List<PodCountSample> samples) {
        int desired = workload.desiredPods();
        List<PodCountSample> over = samples.stream().filter(s -> s.inEtcd() > desired).toList();
        if (over.isEmpty()) {
            return new Verdict(Outcome.NO_EFFECT, List.of());
        }
        PodCountSample first = over.get(0);
        PodCountSample last = over.get(over.size() - 1);
        boolean atEnd = samples.get(samples.size() - 1).inEtcd() > desired;
        String values = ScenarioRun.collapsed(samples.stream()
                .filter(s -> s.atMillis() >= first.atMillis() && s.atMillis() <= last.atMillis())
                .map(PodCountSample::inEtcd).toList());
        Symptom extra = new Symptom(SymptomKind.PODS_ABOVE_GOLDEN, Outcome.OVER_PROVISIONING,
                workload.kind() + "/" + StaleWorkload.NAMESPACE + "/" + workload.name(), "pods in etcd", values,
                Integer.toString(desired), first.atMillis(), last.atMillis(), atEnd);
        return new Verdict(Outcome.OVER_PROVISIONING, List.of(extra));
    }
}
