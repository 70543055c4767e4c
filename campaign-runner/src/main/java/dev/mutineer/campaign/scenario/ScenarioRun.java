package dev.mutineer.campaign.scenario;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Symptom;

import java.time.Instant;
import java.util.List;

/**
 * What one run of the scenario saw.
 *
 * @param scenarioCase workload kind and cluster configuration
 * @param timing       the phases' durations
 * @param samples      pod counts over time, from the hold on
 * @param marks        the steps on the same time line
 * @param heldEvents   watch responses with pod events the interposer held (its rule's evidence)
 * @param outcome      OVER_PROVISIONING when etcd ever held more of the workload's pods than it wants, else NO_EFFECT
 * @param symptoms     the evidence of the outcome
 * @param startedAt    cluster start
 * @param finishedAt   end of the observation
 */
public record ScenarioRun(ScenarioCase scenarioCase, ScenarioTiming timing, List<PodCountSample> samples,
                          List<ScenarioMark> marks, long heldEvents, Outcome outcome, List<Symptom> symptoms,
                          Instant startedAt, Instant finishedAt) {

    public ScenarioRun {
        samples = List.copyOf(samples);
        marks = List.copyOf(marks);
        symptoms = List.copyOf(symptoms);
    }

    public int desiredPods() {
        return scenarioCase.workload().desiredPods();
    }

    public long maxInEtcd() {
        return samples.stream().mapToLong(PodCountSample::inEtcd).max().orElse(0);
    }

    /** The last sample's etcd count: the converged state. */
    public long inEtcdAtEnd() {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).inEtcd();
    }

    public long markAt(String label) {
        return marks.stream().filter(m -> m.label().equals(label)).mapToLong(ScenarioMark::atMillis).findFirst().orElse(-1);
    }

    /** Pods in etcd over time with repeats collapsed, e.g. "2->5->8->5". */
    public String etcdCounts() {
        return collapsed(samples.stream().map(PodCountSample::inEtcd).toList());
    }

    /** Pods in the API server's watch cache over time with repeats collapsed ("?" when it did not answer). */
    public String apiCacheCounts() {
        return collapsed(samples.stream().map(PodCountSample::inApiCache).toList());
    }

    static String collapsed(List<Long> values) {
        StringBuilder out = new StringBuilder();
        Long last = null;
        for (Long v : values) {
            if (!v.equals(last)) {
                out.append(out.isEmpty() ? "" : "->").append(v < 0 ? "?" : v.toString());
                last = v;
            }
        }
        return out.toString();
    }
}
