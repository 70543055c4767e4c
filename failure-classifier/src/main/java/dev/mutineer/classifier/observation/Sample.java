package dev.mutineer.classifier.observation;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the observer saw at one instant.
 *
 * @param t           milliseconds since the start of the observation
 * @param components  process state per control-plane component; empty when the backend cannot tell
 * @param apiErrors   LISTs that failed; their resource types' lists are empty in this sample and must not be
 *                    read as "nothing exists"
 * @param backendErrors components whose state the backend could not tell in this sample (absent from components)
 */
public record Sample(long t, ApiHealth api, Map<Component, ComponentState> components,
                     List<WorkloadStatus> workloads, List<PodStatus> pods, List<ServiceStatus> services,
                     List<NodeStatus> nodes, List<ApiError> apiErrors, List<BackendError> backendErrors) {

    public Sample {
        components = Map.copyOf(components);
        workloads = List.copyOf(workloads);
        pods = List.copyOf(pods);
        services = List.copyOf(services);
        nodes = List.copyOf(nodes);
        apiErrors = List.copyOf(apiErrors);
        // observations recorded before backend errors were have none
        backendErrors = backendErrors == null ? List.of() : List.copyOf(backendErrors);
    }

    /** A sample in which the backend told every component's state it was asked about. */
    public Sample(long t, ApiHealth api, Map<Component, ComponentState> components, List<WorkloadStatus> workloads,
                  List<PodStatus> pods, List<ServiceStatus> services, List<NodeStatus> nodes, List<ApiError> apiErrors) {
        this(t, api, components, workloads, pods, services, nodes, apiErrors, List.of());
    }

    /** Resource types whose LIST failed in this sample. */
    public Set<String> unreadableResources() {
        Set<String> out = new TreeSet<>();
        apiErrors.forEach(e -> out.add(e.resource()));
        return out;
    }

    /** Orphan pods per namespace; namespaces without any are absent. Meaningful only when pods were readable. */
    public Map<String, Long> orphansByNamespace() {
        Map<String, Long> out = new TreeMap<>();
        pods.stream().filter(PodStatus::orphan).filter(PodStatus::live).forEach(p -> out.merge(p.namespace(), 1L, Long::sum));
        return out;
    }

    /** Sum of container restarts per namespace. */
    public Map<String, Long> restartsByNamespace() {
        Map<String, Long> out = new TreeMap<>();
        pods.forEach(p -> out.merge(p.namespace(), (long) p.restarts(), Long::sum));
        return out;
    }

    /**
     * The pods that cannot start ({@link PodStatus#cannotStart()}), by the root of their controller's ownership chain
     * as this sample's workloads give it ("Deployment/ns/web" for a pod of its ReplicaSet, a new one of a rollout
     * included), each list in name order. Pods without a controller are left out: they belong to no workload's count.
     */
    public Map<String, List<PodStatus>> cannotStartByRoot() {
        Map<String, String> owners = new HashMap<>();
        workloads.forEach(w -> owners.put(w.key(), w.owner()));
        Map<String, List<PodStatus>> out = new TreeMap<>();
        pods.stream().filter(PodStatus::cannotStart).filter(p -> p.controller() != null)
                .sorted(Comparator.comparing(PodStatus::name))
                .forEach(p -> out.computeIfAbsent(root(p.controller(), owners), k -> new ArrayList<>()).add(p));
        return out;
    }

    private static String root(String key, Map<String, String> owners) {
        String current = key;
        for (int hops = 0; hops < 10 && owners.get(current) != null; hops++) {
            current = owners.get(current);
        }
        return current;
    }

    public boolean readable(String resource) {
        return apiErrors.stream().noneMatch(e -> e.resource().equals(resource));
    }
}
