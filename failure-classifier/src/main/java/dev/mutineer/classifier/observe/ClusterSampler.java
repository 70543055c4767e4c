package dev.mutineer.classifier.observe;

import dev.mutineer.classifier.facts.ClusterFacts;
import dev.mutineer.classifier.facts.ClusterReader;
import dev.mutineer.classifier.observation.ApiError;
import dev.mutineer.classifier.observation.ApiHealth;
import dev.mutineer.classifier.observation.BackendError;
import dev.mutineer.classifier.observation.NodeStatus;
import dev.mutineer.classifier.observation.PodStatus;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.classifier.observation.ServiceStatus;
import dev.mutineer.classifier.observation.WarningEvent;
import dev.mutineer.classifier.observation.WorkloadStatus;
import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Takes one {@link Sample} of a cluster: one LIST per resource type ({@link ClusterReader}; the workload kinds
 * those {@link ResourceKinds} declares), then the facts {@link ClusterFacts} derives. Keeps the Warning events of one observation window across samples.
 * A LIST that fails becomes an {@link ApiError} and leaves that type's part of the sample empty; a component whose
 * state the backend cannot tell is left out of the sample's components and recorded as a {@link BackendError}.
 */
final class ClusterSampler {

    private static final int MAX_MESSAGE = 200;

    private final KubernetesClient client;
    private final Cluster cluster;
    private final ObserverConfig config;
    private final Instant windowStart;
    private final Map<String, WarningEvent> warnings = new LinkedHashMap<>();
    private final Executor pool;
    private final ClusterReader reader;

    ClusterSampler(KubernetesClient client, Cluster cluster, ObserverConfig config, Instant windowStart, Executor pool) {
        this.client = client;
        this.pool = pool;
        this.cluster = cluster;
        this.config = config;
        this.windowStart = windowStart;
        this.reader = new ClusterReader(client, config.namespaces());
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
        Map<ResourceKind, CompletableFuture<List<GenericKubernetesResource>>> workloadsF = new LinkedHashMap<>();
        ResourceKinds.workloads().forEach(k -> workloadsF.put(k, async(() -> attempt(k.resource(), () -> reader.objects(k), errors))));
        var podsF = async(() -> attempt("pods", reader::pods, errors));
        var servicesF = async(() -> attempt("services", reader::services, errors));
        var slicesF = async(() -> attempt("endpointslices", reader::endpointSlices, errors));
        var nodesF = async(() -> attempt("nodes", reader::nodes, errors));
        var eventsF = async(() -> attempt("events", () -> eventsOfType("Warning"), errors));
        List<BackendError> backendErrors = new ArrayList<>();
        Map<Component, ComponentState> components = components(backendErrors);

        ApiHealth health = new ApiHealth(readyz.join(), livez.join());
        List<WorkloadStatus> workloads = new ArrayList<>();
        workloadsF.forEach((k, f) -> f.join().forEach(o -> workloads.add(ClusterFacts.workload(k, o))));
        List<Pod> pods = podsF.join();
        List<Service> services = servicesF.join();
        List<EndpointSlice> slices = slicesF.join();
        List<Node> nodes = nodesF.join();
        List<Event> events = eventsF.join();
        List<ApiError> sortedErrors = new ArrayList<>(errors);
        sortedErrors.sort(Comparator.comparing(ApiError::resource));

        Set<String> unreadable = new TreeSet<>();
        sortedErrors.forEach(e -> unreadable.add(e.resource()));
        List<PodStatus> podStatuses = ClusterFacts.pods(pods, workloads, unreadable);
        List<WorkloadStatus> counted = ClusterFacts.withPodCounts(workloads, podStatuses);
        List<ServiceStatus> serviceStatuses = services.stream().map(s -> ClusterFacts.service(s, pods, slices)).toList();
        List<NodeStatus> nodeStatuses = nodes.stream().map(ClusterFacts::node).toList();
        events.forEach(e -> rememberWarning(e, t));

        return new Sample(t, health, components, counted, podStatuses, serviceStatuses, nodeStatuses, sortedErrors, backendErrors);
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

    /** Each component's state; one the backend cannot tell is left out, and why goes into {@code errors}. */
    private Map<Component, ComponentState> components(List<BackendError> errors) {
        return componentStates(cluster, errors);
    }

    static Map<Component, ComponentState> componentStates(Cluster cluster, List<BackendError> errors) {
        Map<Component, ComponentState> out = new EnumMap<>(Component.class);
        List<Component> controllable;
        try {
            controllable = cluster.components();
        } catch (RuntimeException e) {
            errors.add(new BackendError(null, shorten(rootCause(e))));
            return out;
        }
        for (Component c : controllable) {
            try {
                out.put(c, cluster.state(c));
            } catch (RuntimeException e) {
                errors.add(new BackendError(c, shorten(rootCause(e))));
            }
        }
        return out;
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
