package dev.mutineer.classifier.observe;

import dev.mutineer.classifier.observation.ApiError;
import dev.mutineer.classifier.observation.ApiHealth;
import dev.mutineer.classifier.observation.NodeStatus;
import dev.mutineer.classifier.observation.PodStatus;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.classifier.observation.ServiceStatus;
import dev.mutineer.classifier.observation.WarningEvent;
import dev.mutineer.classifier.observation.WorkloadKind;
import dev.mutineer.classifier.observation.WorkloadStatus;
import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Takes one {@link Sample} of a cluster: one LIST per resource type, then the derived facts (pods per workload,
 * orphans, endpoints against selected pods). Keeps the Warning events of one observation window across samples.
 * A LIST that fails becomes an {@link ApiError} and leaves that type's part of the sample empty.
 */
final class ClusterSampler {

    private static final int MAX_MESSAGE = 200;

    private final KubernetesClient client;
    private final Cluster cluster;
    private final ObserverConfig config;
    private final Instant windowStart;
    private final Map<String, WarningEvent> warnings = new LinkedHashMap<>();
    private final Executor pool;

    ClusterSampler(KubernetesClient client, Cluster cluster, ObserverConfig config, Instant windowStart, Executor pool) {
        this.client = client;
        this.pool = pool;
        this.cluster = cluster;
        this.config = config;
        this.windowStart = windowStart;
    }

    private <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, pool);
    }

    List<WarningEvent> warningEvents() {
        return List.copyOf(warnings.values());
    }

    /**
     * One sample. The requests run in parallel so that a hung API server costs a sample one request timeout,
     * not one per resource type.
     */
    Sample sample(long t) {
        List<ApiError> errors = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> readyz = async(() -> probe("/readyz"));
        CompletableFuture<Integer> livez = async(() -> probe("/livez"));
        var deploymentsF = async(() -> list("deployments", client.apps().deployments(), errors));
        var replicaSetsF = async(() -> list("replicasets", client.apps().replicaSets(), errors));
        var statefulSetsF = async(() -> list("statefulsets", client.apps().statefulSets(), errors));
        var daemonSetsF = async(() -> list("daemonsets", client.apps().daemonSets(), errors));
        var jobsF = async(() -> list("jobs", client.batch().v1().jobs(), errors));
        var podsF = async(() -> list("pods", client.pods(), errors));
        var servicesF = async(() -> list("services", client.services(), errors));
        var slicesF = async(() -> list("endpointslices", client.discovery().v1().endpointSlices(), errors));
        var nodesF = async(() -> attempt("nodes", () -> client.nodes().list().getItems(), errors));
        var eventsF = async(() -> attempt("events", () -> eventsOfType("Warning"), errors));
        Map<Component, ComponentState> components = components();

        ApiHealth health = new ApiHealth(readyz.join(), livez.join());
        List<Deployment> deployments = deploymentsF.join();
        List<ReplicaSet> replicaSets = replicaSetsF.join();
        List<StatefulSet> statefulSets = statefulSetsF.join();
        List<DaemonSet> daemonSets = daemonSetsF.join();
        List<Job> jobs = jobsF.join();
        List<Pod> pods = podsF.join();
        List<Service> services = servicesF.join();
        List<EndpointSlice> slices = slicesF.join();
        List<Node> nodes = nodesF.join();
        List<Event> events = eventsF.join();
        List<ApiError> sortedErrors = new ArrayList<>(errors);
        sortedErrors.sort(Comparator.comparing(ApiError::resource));

        List<WorkloadStatus> workloads = new ArrayList<>();
        deployments.forEach(d -> workloads.add(WorkloadFacts.of(d)));
        replicaSets.forEach(r -> workloads.add(WorkloadFacts.of(r)));
        statefulSets.forEach(s -> workloads.add(WorkloadFacts.of(s)));
        daemonSets.forEach(d -> workloads.add(WorkloadFacts.of(d)));
        jobs.forEach(j -> workloads.add(WorkloadFacts.of(j)));

        Set<String> unreadable = new TreeSet<>();
        sortedErrors.forEach(e -> unreadable.add(e.resource()));
        List<PodStatus> podStatuses = podStatuses(pods, workloads, unreadable);
        List<WorkloadStatus> counted = WorkloadFacts.withPodCounts(workloads, podStatuses);
        List<ServiceStatus> serviceStatuses = services.stream().map(s -> serviceStatus(s, pods, slices)).toList();
        List<NodeStatus> nodeStatuses = nodes.stream().map(ClusterSampler::nodeStatus).toList();
        events.forEach(e -> rememberWarning(e, t));

        return new Sample(t, health, components, counted, podStatuses, serviceStatuses, nodeStatuses, sortedErrors);
    }

    private int probe(String path) {
        return probe(client, path, config.requestTimeout());
    }

    /** HTTP status of GET {@code path} on the API server, 0 when there was no answer in time. */
    static int probe(KubernetesClient client, String path, Duration timeout) {
        try {
            URI uri = URI.create(client.getConfiguration().getMasterUrl()).resolve(path);
            HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(uri)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
            HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class)
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return response.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private Map<Component, ComponentState> components() {
        Map<Component, ComponentState> out = new EnumMap<>(Component.class);
        List<Component> controllable;
        try {
            controllable = cluster.components();
        } catch (RuntimeException e) {
            return out;
        }
        for (Component c : controllable) {
            try {
                out.put(c, cluster.state(c));
            } catch (RuntimeException e) {
                // The backend cannot tell for this component: leave it out rather than guess.
            }
        }
        return out;
    }

    private <T extends HasMetadata, L extends KubernetesResourceList<T>> List<T> list(
            String resource, MixedOperation<T, L, ?> op, List<ApiError> errors) {
        List<String> namespaces = config.namespaces();
        return attempt(resource, () -> {
            if (namespaces.isEmpty()) {
                return op.inAnyNamespace().list().getItems();
            }
            List<T> all = new ArrayList<>();
            namespaces.forEach(ns -> all.addAll(op.inNamespace(ns).list().getItems()));
            return all;
        }, errors);
    }

    private List<Event> eventsOfType(String type) {
        List<String> namespaces = config.namespaces();
        if (namespaces.isEmpty()) {
            return client.v1().events().inAnyNamespace().withField("type", type).list().getItems();
        }
        List<Event> all = new ArrayList<>();
        namespaces.forEach(ns -> all.addAll(client.v1().events().inNamespace(ns).withField("type", type).list().getItems()));
        return all;
    }

    private static <T> List<T> attempt(String resource, Supplier<List<T>> call, List<ApiError> errors) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : rootCause(e);
            errors.add(new ApiError(resource, Math.max(e.getCode(), 0), shorten(message)));
        } catch (RuntimeException e) {
            errors.add(new ApiError(resource, 0, shorten(rootCause(e))));
        }
        return List.of();
    }

    /** The innermost cause: fabric8's own message ("Operation: [list] ... failed.") says nothing of why. */
    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    private static String shorten(String s) {
        String one = s == null ? "" : s.replace('\n', ' ');
        return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE) + "...";
    }

    private static List<PodStatus> podStatuses(List<Pod> pods, List<WorkloadStatus> workloads, Set<String> unreadable) {
        Set<String> existing = new TreeSet<>();
        workloads.forEach(w -> existing.add(w.key()));
        List<PodStatus> out = new ArrayList<>();
        for (Pod p : pods) {
            String ns = p.getMetadata().getNamespace();
            String controller = controllerKey(p.getMetadata().getOwnerReferences(), ns);
            boolean deleting = p.getMetadata().getDeletionTimestamp() != null;
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            boolean ready = p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            int restarts = p.getStatus() == null || p.getStatus().getContainerStatuses() == null ? 0
                    : p.getStatus().getContainerStatuses().stream().map(ContainerStatus::getRestartCount)
                    .filter(Objects::nonNull).mapToInt(Integer::intValue).sum();
            boolean orphan = !deleting && orphan(controller, existing, unreadable);
            String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
            out.add(new PodStatus(ns, p.getMetadata().getName(), phase, ready, restarts, controller, orphan, node, deleting));
        }
        return out;
    }

    /** No controller, or a controller of a tracked kind that this sample (which could read that kind) does not list. */
    private static boolean orphan(String controller, Set<String> existing, Set<String> unreadable) {
        if (controller == null) {
            return true;
        }
        String kind = controller.substring(0, controller.indexOf('/'));
        for (WorkloadKind k : WorkloadKind.values()) {
            if (k.name().equals(kind)) {
                return !unreadable.contains(k.resource()) && !existing.contains(controller);
            }
        }
        return false;
    }

    static String controllerKey(List<OwnerReference> refs, String namespace) {
        if (refs == null) {
            return null;
        }
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController()))
                .map(r -> r.getKind() + "/" + namespace + "/" + r.getName()).findFirst().orElse(null);
    }

    private static ServiceStatus serviceStatus(Service s, List<Pod> pods, List<EndpointSlice> slices) {
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
                    || !name.equals(labels.get("kubernetes.io/service-name")) || slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint e : slice.getEndpoints()) {
                // An unset ready condition means ready (discovery.k8s.io/v1 API documentation).
                boolean ready = e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady());
                if (!ready) {
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
                if (ns.equals(p.getMetadata().getNamespace()) && matches(selector, p.getMetadata().getLabels())
                        && p.getMetadata().getDeletionTimestamp() == null && podReady(p)) {
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
        return new ServiceStatus(ns, name, selector == null ? null : new java.util.TreeMap<>(selector), readyEndpoints,
                selectedReady.size(), missing, extra);
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        if (labels == null) {
            return false;
        }
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static boolean podReady(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static NodeStatus nodeStatus(Node n) {
        boolean ready = n.getStatus() != null && n.getStatus().getConditions() != null && n.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return new NodeStatus(n.getMetadata().getName(), ready);
    }

    /** Keeps Warning events that happened in this window (not older ones still stored), by uid. */
    private void rememberWarning(Event e, long t) {
        Instant when = eventTime(e);
        if (when != null && when.isBefore(windowStart.minusSeconds(1))) {
            return;
        }
        String uid = e.getMetadata().getUid();
        int count = e.getCount() == null ? 1 : e.getCount();
        String involved = e.getInvolvedObject() == null ? "?" : e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName();
        WarningEvent earlier = warnings.get(uid);
        long firstSeen = earlier == null ? t : earlier.firstSeenMillis();
        warnings.put(uid, new WarningEvent(firstSeen, e.getMetadata().getNamespace(), involved, e.getReason(),
                shorten(e.getMessage()), count));
    }

    private static Instant eventTime(Event e) {
        for (String s : new String[] {e.getLastTimestamp(), e.getEventTime() == null ? null : e.getEventTime().getTime(),
                e.getFirstTimestamp(), e.getMetadata().getCreationTimestamp()}) {
            if (s != null && !s.isEmpty()) {
                try {
                    return Instant.parse(s);
                } catch (RuntimeException ignored) {
                    // MicroTime has six fractional digits and parses; anything else falls through to the next field.
                }
            }
        }
        return null;
    }
}
