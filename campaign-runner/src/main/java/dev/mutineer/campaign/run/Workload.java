package dev.mutineer.campaign.run;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Puts a campaign's workload on a cluster and waits until it is at rest: the state every injection starts from. */
public final class Workload {

    private static final Duration POLL = Duration.ofMillis(500);

    private Workload() {
    }

    /** Creates every object of the manifests, in file order; returns the namespaces they live in. */
    public static Set<String> apply(KubernetesClient k8s, List<Path> manifests) {
        Set<String> namespaces = new LinkedHashSet<>();
        for (Path file : manifests) {
            try (InputStream in = Files.newInputStream(file)) {
                for (HasMetadata item : k8s.load(in).items()) {
                    k8s.resource(item).create();
                    if (item.getMetadata().getNamespace() != null) {
                        namespaces.add(item.getMetadata().getNamespace());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read workload manifest " + file, e);
            }
        }
        return namespaces;
    }

    /**
     * Waits until, in every namespace given, every Deployment, StatefulSet and DaemonSet has all its replicas
     * available and every Service with a selector has exactly its ready pods as ready endpoints; then
     * waits {@code quiet} more, for the controllers' last status writes, so the saved state is at rest.
     */
    public static void awaitSteady(KubernetesClient k8s, Set<String> namespaces, Duration timeout, Duration quiet) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> waitingFor = List.of("nothing checked yet");
        while (System.nanoTime() < deadline) {
            try {
                waitingFor = notSteady(k8s, namespaces);
            } catch (RuntimeException e) {
                waitingFor = List.of("API error: " + e.getMessage());
            }
            if (waitingFor.isEmpty()) {
                sleep(quiet);
                return;
            }
            sleep(POLL);
        }
        throw new IllegalStateException("the workload did not reach a steady state within " + timeout.toSeconds()
                + " s; still waiting for: " + String.join("; ", waitingFor));
    }

    /** What is not yet at rest, in words; empty when everything is. */
    public static List<String> notSteady(KubernetesClient k8s, Set<String> namespaces) {
        List<String> waiting = new ArrayList<>();
        for (String ns : namespaces) {
            for (Deployment d : k8s.apps().deployments().inNamespace(ns).list().getItems()) {
                int want = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
                int available = d.getStatus() == null ? 0 : Optional.ofNullable(d.getStatus().getAvailableReplicas()).orElse(0);
                int updated = d.getStatus() == null ? 0 : Optional.ofNullable(d.getStatus().getUpdatedReplicas()).orElse(0);
                if (available != want || updated != want) {
                    waiting.add("Deployment " + ns + "/" + d.getMetadata().getName() + " " + available + "/" + want + " available");
                }
            }
            for (StatefulSet s : k8s.apps().statefulSets().inNamespace(ns).list().getItems()) {
                int want = Optional.ofNullable(s.getSpec().getReplicas()).orElse(1);
                int ready = s.getStatus() == null ? 0 : Optional.ofNullable(s.getStatus().getReadyReplicas()).orElse(0);
                if (ready != want) {
                    waiting.add("StatefulSet " + ns + "/" + s.getMetadata().getName() + " " + ready + "/" + want + " ready");
                }
            }
            for (DaemonSet d : k8s.apps().daemonSets().inNamespace(ns).list().getItems()) {
                int want = d.getStatus() == null ? 0 : Optional.ofNullable(d.getStatus().getDesiredNumberScheduled()).orElse(0);
                int ready = d.getStatus() == null ? 0 : Optional.ofNullable(d.getStatus().getNumberReady()).orElse(0);
                if (want == 0 || ready != want) {
                    waiting.add("DaemonSet " + ns + "/" + d.getMetadata().getName() + " " + ready + "/" + want + " ready");
                }
            }
            waiting.addAll(servicesNotReady(k8s, ns));
        }
        return waiting;
    }

    private static List<String> servicesNotReady(KubernetesClient k8s, String ns) {
        List<String> waiting = new ArrayList<>();
        List<Pod> pods = k8s.pods().inNamespace(ns).list().getItems();
        List<EndpointSlice> slices = k8s.discovery().v1().endpointSlices().inNamespace(ns).list().getItems();
        for (Service s : k8s.services().inNamespace(ns).list().getItems()) {
            Map<String, String> selector = s.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                continue;
            }
            Set<String> readyPods = pods.stream()
                    .filter(p -> p.getMetadata().getLabels() != null && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                    .filter(Workload::ready)
                    .map(p -> p.getMetadata().getName())
                    .collect(Collectors.toCollection(TreeSet::new));
            // By name, not by count: after a restore the endpoints can name the right number of pods that
            // no longer exist while the pods that do are missing from them.
            Set<String> readyEndpoints = slices.stream()
                    .filter(e -> s.getMetadata().getName().equals(labels(e).get("kubernetes.io/service-name")))
                    .flatMap(e -> e.getEndpoints() == null ? Stream.empty() : e.getEndpoints().stream())
                    .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
                    .map(e -> e.getTargetRef() == null ? "(no target)" : e.getTargetRef().getName())
                    .collect(Collectors.toCollection(TreeSet::new));
            if (readyPods.isEmpty() || !readyEndpoints.equals(readyPods)) {
                waiting.add("Service " + ns + "/" + s.getMetadata().getName() + " ready endpoints " + readyEndpoints
                        + " for ready pods " + readyPods);
            }
        }
        return waiting;
    }

    private static Map<String, String> labels(EndpointSlice e) {
        return Objects.requireNonNullElse(e.getMetadata().getLabels(), Map.of());
    }

    private static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
