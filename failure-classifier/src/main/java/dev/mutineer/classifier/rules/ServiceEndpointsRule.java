package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.baseline.ServiceBaseline;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.classifier.observation.ServiceStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per golden Service with a selector: the Service vanished, its ready endpoints fell below golden, or they
 * disagree with the ready pods its selector matches for longer than the endpoint controller's normal lag.
 *
 * <p>The observer lists pods and EndpointSlices one after the other, and the endpoint controller batches its
 * updates, so a healthy cluster can disagree for one sample after a pod changes. A mismatch counts only from the
 * second consecutive sample, and only beyond the longest run the golden runs showed.
 */
public final class ServiceEndpointsRule implements SymptomRule {

    @Override
    public List<Finding> check(RuleInput in) {
        List<Finding> out = new ArrayList<>();
        Map<String, Integer> mismatchRun = new HashMap<>();
        List<Sample> samples = in.observation().samples();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (!s.readable("services") || !s.readable("endpointslices") || !s.readable("pods")) {
                continue;
            }
            Map<String, ServiceStatus> seen = new HashMap<>();
            s.services().forEach(svc -> seen.put(svc.key(), svc));
            for (Map.Entry<String, ServiceBaseline> e : in.baseline().services().entrySet()) {
                ServiceBaseline golden = e.getValue();
                if (!golden.hasSelector()) {
                    continue;
                }
                ServiceStatus svc = seen.get(e.getKey());
                if (svc == null) {
                    out.add(new Finding(i, s.t(), SymptomKind.SERVICE_MISSING, Outcome.SERVICE_NETWORKING, e.getKey(),
                            "exists", "absent", "present"));
                    continue;
                }
                if (golden.readyEndpoints().below(svc.readyEndpoints())) {
                    out.add(new Finding(i, s.t(), SymptomKind.ENDPOINTS_BELOW_GOLDEN, Outcome.SERVICE_NETWORKING, e.getKey(),
                            "ready endpoints", Integer.toString(svc.readyEndpoints()), golden.readyEndpoints().toString()));
                }
                int run = svc.agrees() ? 0 : mismatchRun.getOrDefault(e.getKey(), 0) + 1;
                mismatchRun.put(e.getKey(), run);
                if (run > Math.max(1, golden.maxMismatchRun())) {
                    out.add(new Finding(i, s.t(), SymptomKind.ENDPOINTS_MISMATCH, Outcome.SERVICE_NETWORKING, e.getKey(),
                            "endpoints vs selected ready pods",
                            svc.readyEndpoints() + " endpoints, " + svc.selectedReadyPods() + " selected ready pods"
                                    + (svc.missing().isEmpty() ? "" : ", missing " + svc.missing())
                                    + (svc.extra().isEmpty() ? "" : ", extra " + svc.extra()),
                            "agree"));
                }
            }
        }
        return out;
    }
}
