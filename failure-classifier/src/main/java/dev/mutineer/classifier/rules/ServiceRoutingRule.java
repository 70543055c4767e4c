package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.observation.Offset;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.baseline.HistoryBaseline;
import dev.mutineer.classifier.observation.EndpointTimeline;
import dev.mutineer.classifier.observation.EndpointTimeline.State;
import dev.mutineer.classifier.observation.Observation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Routing, from the history: a Service whose ready endpoints include pods of another workload than the golden runs had
 * behind it (a selector or a pod label changed so that it selects foreign pods), or that lost pods of its own (a live,
 * ready pod of its own workload that is not among its ready endpoints, unless the golden runs ended with such pods too:
 * a Service that selects one StatefulSet replica serves its workload only in part). Each lasts from one state of the Service's
 * endpoints to the next; one that lasted at least {@link #LAG_MILLIS} (the endpoint controller's normal lag behind a
 * pod's change) or is there at the end is a finding at its start, and at the end too when it lasted.
 *
 * <p>It indicates SERVICE_NETWORKING. The own workloads are the golden ones; a baseline learned before they were kept
 * has none, and then the workloads behind the Service's endpoints once the window's first listings were in stand in
 * (the steady state the injection started from), said in the evidence. Pods without a controller are left to the
 * orphan and ownership rules.
 */
public final class ServiceRoutingRule extends HistoryRule {

    /** As long as the sample rule's endpoint tolerance: one sample interval and the next. */
    static final long LAG_MILLIS = 2_000;

    private record Open(long since, String value) {
    }

    @Override
    protected List<Finding> check(Observation o, HistoryBaseline golden, long end) {
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, List<State>> e : EndpointTimeline.of(o.history(), end).entrySet()) {
            List<State> states = e.getValue();
            boolean learned = golden.serviceWorkloads() != null;
            Set<String> own = learned ? golden.serviceWorkloads().getOrDefault(e.getKey(), Set.of()) : listed(states).readyWorkloads();
            if (own.isEmpty()) {
                continue; // no golden endpoints to compare with (a Service without pods, or one new in this window)
            }
            String expected = "endpoints of " + own + (learned ? "" : " (as first listed: the baseline predates them)");
            judge(e.getKey(), states, end, o, expected, SymptomKind.ENDPOINTS_FOREIGN_WORKLOAD, "foreign endpoint",
                    s -> foreign(s, own), out);
            // A workload the Service serves only in part by design has ready pods that are no endpoints, golden too.
            Set<String> partly = learned && golden.partlyServed() != null
                    ? golden.partlyServed().getOrDefault(e.getKey(), Set.of()) : listed(states).workloadsNotAllServed();
            Set<String> whole = new TreeSet<>(own);
            whole.removeAll(partly);
            judge(e.getKey(), states, end, o, expected, SymptomKind.ENDPOINTS_LOST_OWN_POD, "own ready pod not an endpoint",
                    s -> lost(s, whole), out);
        }
        return out;
    }

    /** The state once the window's first listings were in: the last before the first sample (else the first). */
    private static State listed(List<State> states) {
        State out = states.get(0);
        for (State s : states) {
            if (s.t() < 0) {
                out = s;
            }
        }
        return out;
    }

    /** Pod -> "pod of Workload" for each ready endpoint whose workload is not one of the own. */
    private static Map<String, String> foreign(State s, Set<String> own) {
        Map<String, String> out = new HashMap<>();
        s.endpoints().forEach((pod, ready) -> {
            String w = s.workloads().get(pod);
            if (ready && w != null && !own.contains(w)) {
                out.put(pod, pod + " of " + w);
            }
        });
        return out;
    }

    /** Pod -> "pod of Workload" for each live ready pod of an own workload that is not a ready endpoint. */
    private static Map<String, String> lost(State s, Set<String> own) {
        Map<String, String> out = new HashMap<>();
        for (String pod : s.readyPods()) {
            String w = s.workloads().get(pod);
            if (w != null && own.contains(w) && !Boolean.TRUE.equals(s.endpoints().get(pod))) {
                out.put(pod, pod + " of " + w);
            }
        }
        return out;
    }

    private static void judge(String service, List<State> states, long end, Observation o, String expected,
                              SymptomKind kind, String signal, Function<State, Map<String, String>> wrong,
                              List<Finding> out) {
        Map<String, Open> open = new TreeMap<>(); // by pod name: the evidence reads in one order
        int last = o.samples().size() - 1;
        for (State s : states) {
            Map<String, String> now = wrong.apply(s);
            for (String pod : new TreeSet<>(open.keySet())) {
                if (!now.containsKey(pod)) {
                    Open was = open.remove(pod);
                    if (s.t() - was.since() >= LAG_MILLIS) {
                        out.add(finding(o, was.since(), kind, service, signal,
                                was.value() + " from " + Offset.millis(was.since()) + " to " + Offset.millis(s.t()), expected));
                    }
                }
            }
            long at = Math.max(0, s.t());
            now.forEach((pod, value) -> open.putIfAbsent(pod, new Open(at, value)));
        }
        for (Open was : open.values()) {
            if (end - was.since() >= LAG_MILLIS) {
                out.add(finding(o, was.since(), kind, service, signal, was.value() + " from " + Offset.millis(was.since()), expected));
                out.add(new Finding(last, end, kind, Outcome.SERVICE_NETWORKING, service, signal,
                        was.value() + " at the end", expected));
            }
        }
    }

    private static Finding finding(Observation o, long t, SymptomKind kind, String service, String signal, String value,
                                   String expected) {
        return new Finding(HistoryTime.sampleBefore(o.samples(), t), t, kind, Outcome.SERVICE_NETWORKING, service, signal,
                value, expected);
    }
}
