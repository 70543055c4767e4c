package dev.mutineer.classifier.facts;

import dev.mutineer.classifier.observation.NodeStatus;
import dev.mutineer.classifier.observation.PodStatus;
import dev.mutineer.classifier.observation.ServiceStatus;
import dev.mutineer.classifier.observation.WorkloadStatus;
import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.cluster.resource.WorkloadCounters;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The facts derived from what the API server lists, defined once for the observer, the classifier and the
 * reset's wait: Ready, the pods of each workload, orphans, a Service's endpoints against its selected ready pods,
 * and whether a workload or Service is at rest. Pure functions over fabric8 model objects; nothing here talks to
 * a cluster ({@link ClusterReader} does).
 */
public final class ClusterFacts {

    /** The label that ties an EndpointSlice to its Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private ClusterFacts() {
    }

    /** The Pod's Ready condition is True. */
    public static boolean podReady(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The Node's Ready condition is True. */
    public static boolean nodeReady(Node n) {
        return n.getStatus() != null && n.getStatus().getConditions() != null && n.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Being deleted: deletionTimestamp is set. */
    public static boolean terminating(HasMetadata o) {
        return o.getMetadata().getDeletionTimestamp() != null;
    }

    /**
     * Whether an EndpointSlice endpoint takes traffic. discovery.k8s.io/v1: "ready" unset means ready; a
     * terminating endpoint is not, whatever its ready says.
     */
    public static boolean endpointReady(Endpoint e) {
        var c = e.getConditions();
        return c == null || (!Boolean.FALSE.equals(c.getReady()) && !Boolean.TRUE.equals(c.getTerminating()));
    }

    /** "ReplicaSet/ns/name" of the owner reference with controller: true; null when there is none. */
    public static String controllerKey(List<OwnerReference> refs, String namespace) {
        if (refs == null) {
            return null;
        }
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController()))
                .map(r -> r.getKind() + "/" + namespace + "/" + r.getName()).findFirst().orElse(null);
    }

    /** A workload's common counters, read where its kind's declaration says they are. */
    public static WorkloadStatus workload(ResourceKind kind, GenericKubernetesResource o) {
        WorkloadCounters c = Objects.requireNonNull(kind.counters(), kind.kind() + " is not a workload");
        String ns = o.getMetadata().getNamespace();
        Long generation = o.getMetadata().getGeneration();
        return new WorkloadStatus(kind.kind(), ns, o.getMetadata().getName(),
                controllerKey(o.getMetadata().getOwnerReferences(), ns),
                (int) number(o, c.desired()), (int) number(o, c.current()), (int) number(o, c.ready()),
                (int) number(o, c.available()), 0, generation == null ? 0 : generation, number(o, c.observedGeneration()));
    }

    private static long number(GenericKubernetesResource o, List<String> path) {
        if (path == null) {
            return 0;
        }
        Object v = o.get(path.toArray());
        return v instanceof Number n ? n.longValue() : 0;
    }

    /** Every pod as the observer records it; orphans judged against the workloads listed (see {@link #orphan}). */
    public static List<PodStatus> pods(List<Pod> pods, List<WorkloadStatus> workloads, Set<String> unreadable) {
        Set<String> existing = new TreeSet<>();
        workloads.forEach(w -> existing.add(w.key()));
        List<PodStatus> out = new ArrayList<>();
        for (Pod p : pods) {
            String ns = p.getMetadata().getNamespace();
            String controller = controllerKey(p.getMetadata().getOwnerReferences(), ns);
            boolean deleting = terminating(p);
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            int restarts = p.getStatus() == null || p.getStatus().getContainerStatuses() == null ? 0
                    : p.getStatus().getContainerStatuses().stream().map(ContainerStatus::getRestartCount)
                    .filter(Objects::nonNull).mapToInt(Integer::intValue).sum();
            boolean orphan = !deleting && orphan(controller, existing, unreadable);
            String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
            out.add(new PodStatus(ns, p.getMetadata().getName(), phase, podReady(p), restarts, controller, orphan, node,
                    deleting, waitingReason(p)));
        }
        return out;
    }

    /**
     * The reason a container of the pod waits for (init containers first), one of {@link PodStatus#CANNOT_START}
     * before any other; null when no container waits with a reason.
     */
    public static String waitingReason(Pod p) {
        if (p.getStatus() == null) {
            return null;
        }
        List<ContainerStatus> all = new ArrayList<>();
        if (p.getStatus().getInitContainerStatuses() != null) {
            all.addAll(p.getStatus().getInitContainerStatuses());
        }
        if (p.getStatus().getContainerStatuses() != null) {
            all.addAll(p.getStatus().getContainerStatuses());
        }
        List<String> reasons = all.stream()
                .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
                .map(c -> c.getState().getWaiting().getReason())
                .filter(r -> r != null && !r.isEmpty())
                .toList();
        return reasons.stream().filter(PodStatus.CANNOT_START::contains).findFirst()
                .orElse(reasons.isEmpty() ? null : reasons.get(0));
    }

    /**
     * A pod is an orphan with no controller, or with a controller of a workload kind that the listing (which could
     * read that kind: {@code unreadable} names the resources it could not) does not hold. A controller of another
     * kind (a Node for a mirror pod) is taken on trust.
     */
    public static boolean orphan(String controller, Set<String> existingWorkloads, Set<String> unreadable) {
        if (controller == null) {
            return true;
        }
        String kind = controller.substring(0, controller.indexOf('/'));
        return ResourceKinds.workloads().stream().filter(k -> k.kind().equals(kind)).findFirst()
                .map(k -> !unreadable.contains(k.resource()) && !existingWorkloads.contains(controller))
                .orElse(false);
    }

    /**
     * Fills in each workload's pods: the live, not terminating pods it controls directly plus those of the
     * workloads it owns (a Deployment's ReplicaSets), so a root's count covers its whole family.
     */
    public static List<WorkloadStatus> withPodCounts(List<WorkloadStatus> workloads, List<PodStatus> pods) {
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

    /**
     * A Service's ready endpoints against the pods it selects that are Ready and not terminating. Endpoints are
     * named by their target pod; an endpoint without a pod target counts but names nothing.
     */
    public static ServiceStatus service(Service s, List<Pod> pods, List<EndpointSlice> slices) {
        String ns = s.getMetadata().getNamespace();
        String name = s.getMetadata().getName();
        Map<String, String> selector = s.getSpec() == null ? null : s.getSpec().getSelector();
        if (selector != null && selector.isEmpty()) {
            selector = null;
        }
        Set<String> endpointPods = new TreeSet<>();
        int readyEndpoints = 0;
        for (EndpointSlice slice : slices) {
            Map<String, String> labels = slice.getMetadata().getLabels();
            if (!ns.equals(slice.getMetadata().getNamespace()) || labels == null
                    || !name.equals(labels.get(SERVICE_NAME_LABEL)) || slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint e : slice.getEndpoints()) {
                if (!endpointReady(e)) {
                    continue;
                }
                if (e.getTargetRef() != null && "Pod".equals(e.getTargetRef().getKind())) {
                    if (endpointPods.add(e.getTargetRef().getName())) {
                        readyEndpoints++;
                    }
                } else {
                    readyEndpoints++;
                }
            }
        }
        Set<String> selectedReady = new TreeSet<>();
        if (selector != null) {
            for (Pod p : pods) {
                if (ns.equals(p.getMetadata().getNamespace()) && selects(selector, p.getMetadata().getLabels())
                        && !terminating(p) && podReady(p)) {
                    selectedReady.add(p.getMetadata().getName());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        if (selector != null) {
            selectedReady.stream().filter(p -> !endpointPods.contains(p)).forEach(missing::add);
            endpointPods.stream().filter(p -> !selectedReady.contains(p)).forEach(extra::add);
        }
        return new ServiceStatus(ns, name, selector == null ? null : new TreeMap<>(selector), readyEndpoints,
                selectedReady.size(), missing, extra);
    }

    /** Every term of a map selector matches a label. */
    public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return labels != null && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    public static NodeStatus node(Node n) {
        return new NodeStatus(n.getMetadata().getName(), nodeReady(n));
    }

    /**
     * Why a workload is not at rest, if it is not: the controller has not seen its latest spec, or fewer replicas
     * are ready and available than it wants. Workloads owned by another (a Deployment's ReplicaSets) answer through
     * their owner; Jobs run to completion and have no resting count.
     */
    public static Optional<String> notAtRest(WorkloadStatus w) {
        ResourceKind kind = ResourceKinds.require(w.kind());
        if (w.owner() != null || kind.counters().observedGeneration() == null) {
            return Optional.empty();
        }
        String name = w.kind() + " " + w.namespace() + "/" + w.name();
        if (w.observedGeneration() < w.generation()) {
            return Optional.of(name + " generation " + w.generation() + " not yet observed (" + w.observedGeneration() + ")");
        }
        // A DaemonSet wants 0 pods only until its controller has counted the nodes.
        boolean counted = w.desired() > 0 || !"DaemonSet".equals(w.kind());
        if (!counted || w.ready() != w.desired() || w.available() != w.desired()) {
            return Optional.of(name + " " + w.available() + "/" + w.desired() + " available, " + w.ready() + " ready");
        }
        return Optional.empty();
    }

    /** Why a Service is not at rest, if it is not: its ready endpoints are not exactly its selected ready pods. */
    public static Optional<String> notAtRest(ServiceStatus s) {
        if (s.selector() == null) {
            return Optional.empty();
        }
        if (s.selectedReadyPods() == 0 || !s.agrees() || s.readyEndpoints() != s.selectedReadyPods()) {
            return Optional.of("Service " + s.namespace() + "/" + s.name() + " " + s.readyEndpoints() + " ready endpoints for "
                    + s.selectedReadyPods() + " ready pods (missing " + s.missing() + ", extra " + s.extra() + ")");
        }
        return Optional.empty();
    }
}
