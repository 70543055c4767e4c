package dev.mutineer.classifier;

import dev.mutineer.classifier.observation.ApiError;
import dev.mutineer.classifier.observation.ApiHealth;
import dev.mutineer.classifier.observation.BackendError;
import dev.mutineer.classifier.observation.NodeStatus;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.PodStatus;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.classifier.observation.ServiceStatus;
import dev.mutineer.classifier.observation.WarningEvent;
import dev.mutineer.classifier.observation.WorkloadStatus;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A small cluster described by a handful of numbers, turned into recorded samples for the rule tests:
 * Deployment default/web (3 replicas, ReplicaSet web-5d8f, Service web), Deployment default/db (2 replicas,
 * ReplicaSet db-77aa), three kwok nodes, all components running. Each field is one knob a fault can turn.
 */
final class World {
    int webDesired = 3, webCurrent = 3, webReady = 3, webAvailable = 3, webPods = 3;
    int dbReady = 2;
    /** db's metadata.generation; its controller has observed generation 1. */
    long dbGeneration = 1;
    int orphans = 0;
    /** web's ReplicaSet released by its Deployment, still running its pods; a new ReplicaSet took over. */
    boolean webReplicaSetReleased = false;
    /** Pods of a new ReplicaSet of web (a rollout, web-9e1c), not ready, their container waiting for this reason. */
    int webNewRevisionPods = 0;
    String webNewRevisionWaiting = null;
    int webEndpoints = 3;
    boolean webEndpointsStale = false;
    boolean webServiceExists = true;
    List<String> notReadyNodes = new ArrayList<>();
    int readyz = 200;
    int livez = 200;
    List<ApiError> errors = new ArrayList<>();
    ComponentState controllerManager = ComponentState.RUNNING;
    /** The backend's error when asked for the controller-manager's state; set, the sample has no state for it. */
    String controllerManagerError = null;
    int restarts = 0;
    /** A real node's kubelet; null: the cluster has no real nodes (the sample has no state for it). */
    ComponentState kubelet = null;

    World copy() {
        World w = new World();
        w.webDesired = webDesired; w.webCurrent = webCurrent; w.webReady = webReady; w.webAvailable = webAvailable;
        w.webPods = webPods; w.dbReady = dbReady; w.dbGeneration = dbGeneration; w.orphans = orphans; w.webReplicaSetReleased = webReplicaSetReleased;
        w.webNewRevisionPods = webNewRevisionPods; w.webNewRevisionWaiting = webNewRevisionWaiting;
        w.webEndpoints = webEndpoints; w.webEndpointsStale = webEndpointsStale; w.webServiceExists = webServiceExists;
        w.notReadyNodes = new ArrayList<>(notReadyNodes); w.readyz = readyz; w.livez = livez;
        w.errors = new ArrayList<>(errors); w.controllerManager = controllerManager; w.controllerManagerError = controllerManagerError; w.restarts = restarts;
        w.kubelet = kubelet;
        return w;
    }

    World with(UnaryOperator<World> change) {
        return change.apply(copy());
    }

    Sample sample(long t) {
        boolean podsReadable = errors.stream().noneMatch(e -> e.resource().equals("pods"));
        List<WorkloadStatus> workloads = new ArrayList<>();
        workloads.add(new WorkloadStatus("Deployment", "default", "web", null, webDesired, webCurrent, webReady, webAvailable, webPods, 1, 1));
        String webRs = webReplicaSetReleased ? "web-6c9b" : "web-5d8f";
        workloads.add(new WorkloadStatus("ReplicaSet", "default", webRs, "Deployment/default/web", webDesired, webCurrent, webReady, webAvailable, webPods, 1, 1));
        if (webReplicaSetReleased) {
            workloads.add(new WorkloadStatus("ReplicaSet", "default", "web-5d8f", null, 3, 3, 3, 3, 3, 1, 1));
        }
        if (webNewRevisionPods > 0) {
            workloads.add(new WorkloadStatus("ReplicaSet", "default", "web-9e1c", "Deployment/default/web", webNewRevisionPods,
                    webNewRevisionPods, 0, 0, webNewRevisionPods, 1, 1));
        }
        workloads.add(new WorkloadStatus("Deployment", "default", "db", null, 2, 2, dbReady, dbReady, 2, dbGeneration, 1));
        workloads.add(new WorkloadStatus("ReplicaSet", "default", "db-77aa", "Deployment/default/db", 2, 2, dbReady, dbReady, 2, 1, 1));

        List<PodStatus> pods = new ArrayList<>();
        if (podsReadable) {
            for (int i = 0; i < webPods; i++) {
                pods.add(new PodStatus("default", "web-5d8f-" + i, "Running", i < webReady, restarts, "ReplicaSet/default/" + webRs, false, "node-" + (i % 3), false));
            }
            for (int i = 0; i < 2; i++) {
                pods.add(new PodStatus("default", "db-77aa-" + i, "Running", i < dbReady, 0, "ReplicaSet/default/db-77aa", false, "node-" + i, false));
            }
            for (int i = 0; i < webNewRevisionPods; i++) {
                pods.add(new PodStatus("default", "web-9e1c-" + i, "Pending", false, 0, "ReplicaSet/default/web-9e1c", false,
                        "node-0", false, webNewRevisionWaiting));
            }
            for (int i = 0; i < orphans; i++) {
                pods.add(new PodStatus("default", "web-orphan-" + i, "Running", true, 0, null, true, "node-0", false));
            }
        }
        List<ServiceStatus> services = new ArrayList<>();
        if (webServiceExists) {
            int selectedReady = Math.min(webReady, webPods);
            List<String> missing = webEndpointsStale ? List.of("web-5d8f-0") : List.of();
            List<String> extra = webEndpointsStale ? List.of("web-gone-0") : List.of();
            services.add(new ServiceStatus("default", "web", Map.of("app", "web"), webEndpoints, selectedReady, missing, extra));
        }
        services.add(new ServiceStatus("default", "db", Map.of("app", "db"), dbReady, dbReady, List.of(), List.of()));
        List<NodeStatus> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(new NodeStatus("node-" + i, !notReadyNodes.contains("node-" + i)));
        }
        Map<Component, ComponentState> components = new EnumMap<>(Component.class);
        for (Component c : Component.controlPlane()) {
            components.put(c, ComponentState.RUNNING);
        }
        components.put(Component.CONTROLLER_MANAGER, controllerManager);
        if (kubelet != null) {
            components.put(Component.KUBELET, kubelet);
        }
        List<BackendError> backendErrors = new ArrayList<>();
        if (controllerManagerError != null) {
            components.remove(Component.CONTROLLER_MANAGER);
            backendErrors.add(new BackendError(Component.CONTROLLER_MANAGER, controllerManagerError));
        }
        return new Sample(t, new ApiHealth(readyz, livez), components, workloads, pods, services, nodes, errors, backendErrors);
    }

    /** One sample a second: the worlds in order. */
    static Observation observe(List<World> timeline, WarningEvent... warnings) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < timeline.size(); i++) {
            samples.add(timeline.get(i).sample(i * 1000L));
        }
        return new Observation(Instant.parse("2026-11-21T20:00:00Z"), 1000, (timeline.size() - 1) * 1000L, samples, List.of(warnings), null);
    }

    /** n samples of the same world. */
    static Observation steady(World w, int n) {
        List<World> timeline = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            timeline.add(w);
        }
        return observe(timeline);
    }

    /** {@code before} samples of the golden world, then the changed world until the end (n samples in all). */
    static Observation changedAt(int before, int n, UnaryOperator<World> change) {
        return recoveredAt(before, n, n, change);
    }

    /** Golden, then changed from sample {@code from}, golden again from sample {@code until}. */
    static Observation recoveredAt(int from, int until, int n, UnaryOperator<World> change) {
        World golden = new World();
        World changed = golden.with(change);
        List<World> timeline = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            timeline.add(i >= from && i < until ? changed : golden);
        }
        return observe(timeline);
    }
}
