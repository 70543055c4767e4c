package dev.mutineer.cluster.local;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What the live tests of every module ask a real cluster: its running pods, a Service's ready endpoints,
 * and waiting for a condition. In k8s-cluster's test-jar, which the other modules' tests depend on.
 */
public final class LiveChecks {

    public static final Duration WAIT = Duration.ofSeconds(90);

    private LiveChecks() {
    }

    /** A Deployment of {@code replicas} nginx pods labelled app=name, port 8080. */
    public static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage("nginx:1.27")
                .addNewPort().withContainerPort(8080).endPort().endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    /** Pods labelled app=app that are Running with an IP and not being deleted. */
    public static List<Pod> runningPods(KubernetesClient k8s, String namespace, String app) {
        return k8s.pods().inNamespace(namespace).withLabel("app", app).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> "Running".equals(p.getStatus().getPhase()) && p.getStatus().getPodIP() != null)
                .toList();
    }

    /** Ready endpoints over the Service's EndpointSlices. */
    public static long readyEndpoints(KubernetesClient k8s, String namespace, String service) {
        return k8s.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel("kubernetes.io/service-name", service).list().getItems().stream()
                .map(EndpointSlice::getEndpoints).filter(Objects::nonNull).flatMap(List::stream)
                .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
                .count();
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, WAIT, condition);
    }

    /**
     * Polls until the condition holds. A request that fails while waiting counts as "not yet" (the API server
     * may be restarting or recovering); the last failure is the cause of the timeout's error.
     */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what, last);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
