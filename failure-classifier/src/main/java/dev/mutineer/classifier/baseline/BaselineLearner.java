package dev.mutineer.classifier.baseline;

import dev.mutineer.classifier.observation.EndpointTimeline;
import dev.mutineer.classifier.observation.HistoryFacts;
import dev.mutineer.classifier.observation.NodeStatus;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.PodStatus;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.classifier.observation.ServiceStatus;
import dev.mutineer.classifier.observation.WarningEvent;
import dev.mutineer.classifier.observation.WorkloadStatus;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Learns a {@link Baseline} from golden observations: every signal's range over every sample of every run.
 * A workload, Service or node enters the baseline only if it was seen in every golden run, so something that
 * came and went in a healthy cluster is never expected to be present.
 */
public final class BaselineLearner {

    private BaselineLearner() {
    }

    public static Baseline learn(List<Observation> golden) {
        if (golden.isEmpty()) {
            throw new IllegalArgumentException("a baseline needs at least one golden observation");
        }
        Map<String, WorkloadBaseline> workloads = new TreeMap<>();
        Map<String, Integer> workloadRuns = new HashMap<>();
        Map<String, ServiceBaseline> services = new TreeMap<>();
        Map<String, Integer> serviceRuns = new HashMap<>();
        Map<String, Range> orphans = new TreeMap<>();
        Map<String, Long> restartIncrease = new TreeMap<>();
        Set<String> readyNodes = null;
        Set<Component> alwaysRunning = null;
        int maxApiUnhealthy = 0;
        Set<String> erroring = new HashSet<>();
        Set<String> reasons = new HashSet<>();

        for (Observation run : golden) {
            Set<String> workloadsThisRun = new HashSet<>();
            Set<String> servicesThisRun = new HashSet<>();
            Map<String, Integer> mismatchRun = new HashMap<>();
            Map<String, Long> firstRestarts = null;
            Map<String, Long> lastRestarts = null;
            int apiUnhealthy = 0;
            for (Sample s : run.samples()) {
                if (!s.api().healthy()) {
                    apiUnhealthy++;
                }
                erroring.addAll(s.unreadableResources());
                Map<String, List<PodStatus>> cannotStart = s.cannotStartByRoot();
                for (WorkloadStatus w : s.workloads()) {
                    workloadsThisRun.add(w.key());
                    int stuck = cannotStart.getOrDefault(w.key(), List.of()).size();
                    workloads.merge(w.key(), start(w, stuck), (a, b) -> widen(a, w, stuck));
                }
                for (ServiceStatus svc : s.services()) {
                    servicesThisRun.add(svc.key());
                    int run1 = svc.agrees() ? 0 : mismatchRun.getOrDefault(svc.key(), 0) + 1;
                    mismatchRun.put(svc.key(), run1);
                    ServiceBaseline fresh = new ServiceBaseline(svc.selector() != null, Range.of(svc.readyEndpoints()), run1);
                    services.merge(svc.key(), fresh, (a, b) -> new ServiceBaseline(a.hasSelector() && b.hasSelector(),
                            a.readyEndpoints().including(svc.readyEndpoints()), Math.max(a.maxMismatchRun(), run1)));
                }
                if (s.readable("pods")) {
                    Map<String, Long> o = s.orphansByNamespace();
                    o.forEach((ns, n) -> orphans.merge(ns, Range.of(n), (a, b) -> a.including(n)));
                    orphans.replaceAll((ns, r) -> o.containsKey(ns) ? r : r.including(0));
                    if (firstRestarts == null) {
                        firstRestarts = s.restartsByNamespace();
                    }
                    lastRestarts = s.restartsByNamespace();
                }
                if (s.readable("nodes")) {
                    Set<String> ready = new HashSet<>();
                    s.nodes().stream().filter(NodeStatus::ready).forEach(n -> ready.add(n.name()));
                    if (readyNodes == null) {
                        readyNodes = ready;
                    } else {
                        readyNodes.retainAll(ready);
                    }
                }
                Set<Component> running = EnumSet.noneOf(Component.class);
                s.components().forEach((c, state) -> {
                    if (state == ComponentState.RUNNING) {
                        running.add(c);
                    }
                });
                if (alwaysRunning == null) {
                    alwaysRunning = running;
                } else {
                    alwaysRunning.retainAll(running);
                }
            }
            workloadsThisRun.forEach(k -> workloadRuns.merge(k, 1, Integer::sum));
            servicesThisRun.forEach(k -> serviceRuns.merge(k, 1, Integer::sum));
            maxApiUnhealthy = Math.max(maxApiUnhealthy, apiUnhealthy);
            if (firstRestarts != null) {
                for (Map.Entry<String, Long> e : lastRestarts.entrySet()) {
                    long rise = e.getValue() - firstRestarts.getOrDefault(e.getKey(), 0L);
                    restartIncrease.merge(e.getKey(), rise, Math::max);
                }
            }
            run.warningEvents().stream().map(WarningEvent::reason).forEach(reasons::add);
        }
        workloads.keySet().removeIf(k -> workloadRuns.getOrDefault(k, 0) < golden.size());
        services.keySet().removeIf(k -> serviceRuns.getOrDefault(k, 0) < golden.size());
        return new Baseline(golden.size(), workloads, services, orphans, restartIncrease,
                readyNodes == null ? Set.of() : readyNodes, alwaysRunning == null ? Set.of() : alwaysRunning,
                maxApiUnhealthy, erroring, reasons, ClientBaseline.learn(golden.stream().map(Observation::client).toList()),
                learnHistory(golden));
    }

    /**
     * Per workload the most pods created and deleted in one golden window, the most owner changes, per Service the most
     * endpoint changes and the workloads behind its endpoints, the most lasting orphans; null when a golden run has no
     * history (recorded before there was one), so that no history rule compares against nothing.
     */
    static HistoryBaseline learnHistory(List<Observation> golden) {
        if (golden.stream().anyMatch(o -> o.history().isEmpty())) {
            return null;
        }
        Map<String, HistoryBaseline.Churn> churn = new TreeMap<>();
        Map<String, Integer> endpointChanges = new TreeMap<>();
        Map<String, Set<String>> serviceWorkloads = new TreeMap<>();
        Map<String, Set<String>> partlyServed = new TreeMap<>();
        int maxOwnerChanges = 0;
        int maxOrphans = 0;
        for (Observation run : golden) {
            long end = run.lastSample().t();
            HistoryFacts.podChurn(run.history(), end).forEach((k, c) -> churn.merge(k,
                    new HistoryBaseline.Churn(c.created().size(), c.deleted().size()),
                    (a, b) -> new HistoryBaseline.Churn(Math.max(a.created(), b.created()), Math.max(a.deleted(), b.deleted()))));
            maxOwnerChanges = Math.max(maxOwnerChanges, HistoryFacts.ownerChanges(run.history(), end).size());
            EndpointTimeline.of(run.history(), end).forEach((service, states) -> {
                endpointChanges.merge(service, EndpointTimeline.changes(states).size(), Math::max);
                states.forEach(s -> serviceWorkloads.computeIfAbsent(service, k -> new TreeSet<>()).addAll(s.readyWorkloads()));
                if (!states.isEmpty()) {
                    Set<String> partly = states.get(states.size() - 1).workloadsNotAllServed();
                    if (!partly.isEmpty()) {
                        partlyServed.computeIfAbsent(service, k -> new TreeSet<>()).addAll(partly);
                    }
                }
            });
            maxOrphans = Math.max(maxOrphans, HistoryFacts.lastingOrphans(run.history(), end).size());
        }
        return new HistoryBaseline(churn, maxOwnerChanges, endpointChanges, serviceWorkloads, maxOrphans, partlyServed);
    }

    private static WorkloadBaseline start(WorkloadStatus w, int cannotStart) {
        return new WorkloadBaseline(w.owner(), Range.of(w.desired()), Range.of(w.current()), Range.of(w.ready()),
                Range.of(w.available()), Range.of(w.pods()), Range.of(cannotStart));
    }

    private static WorkloadBaseline widen(WorkloadBaseline b, WorkloadStatus w, int cannotStart) {
        return new WorkloadBaseline(b.owner() != null ? b.owner() : w.owner(), b.desired().including(w.desired()),
                b.current().including(w.current()), b.ready().including(w.ready()),
                b.available().including(w.available()), b.pods().including(w.pods()),
                b.cannotStart().including(cannotStart));
    }
}
