package dev.mutineer.campaign.run;

import dev.mutineer.classifier.facts.ClusterFacts;
import dev.mutineer.classifier.facts.ClusterReader;
import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
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
import java.util.Set;

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
     * Waits until, in every namespace given, every workload has all its replicas ready and available and every
     * Service with a selector has exactly its ready pods as ready endpoints ({@link #notSteady}); then
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

    /**
     * What is not yet at rest, in words; empty when everything is: the facts of {@link ClusterFacts#notAtRest} for
     * every workload (of a kind ResourceKinds declares) and every Service in the namespaces.
     */
    public static List<String> notSteady(KubernetesClient k8s, Set<String> namespaces) {
        ClusterReader reader = new ClusterReader(k8s, List.copyOf(namespaces));
        List<String> waiting = new ArrayList<>();
        for (ResourceKind kind : ResourceKinds.workloads()) {
            reader.objects(kind).forEach(o -> ClusterFacts.notAtRest(ClusterFacts.workload(kind, o)).ifPresent(waiting::add));
        }
        List<Pod> pods = reader.pods();
        List<EndpointSlice> slices = reader.endpointSlices();
        for (Service s : reader.services()) {
            ClusterFacts.notAtRest(ClusterFacts.service(s, pods, slices)).ifPresent(waiting::add);
        }
        return waiting;
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
