package dev.mutineer.classifier.observation;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;

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

    public boolean readable(String resource) {
        return apiErrors.stream().noneMatch(e -> e.resource().equals(resource));
    }
}
