package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Poll;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The last step of a start: a pod that must be scheduled, started by kwok and given an IP, proof that
 * every component works (the default ServiceAccount exists, the scheduler and kwok run, nodes have podCIDRs).
 */
final class ProbePod {

    static final String NAME = "mutineer-probe";
    private static final String NAMESPACE = "default";

    private ProbePod() {
    }

    /** {@code onTaintedKwokNode}: the cluster has real nodes; the probe runs on a kwok node (its image exists nowhere). */
    static void run(KubernetesClient client, long deadlineNanos, boolean onTaintedKwokNode) {
        PodBuilder builder = new PodBuilder()
                .withNewMetadata().withName(NAME).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().addNewContainer().withName("probe").withImage("registry.k8s.io/pause:3.10").endContainer()
                .withTerminationGracePeriodSeconds(0L).endSpec();
        if (onTaintedKwokNode) {
            Taint t = SimulatedNodes.REAL_NODES_TAINT;
            builder.editSpec().addToNodeSelector("type", "kwok").addNewToleration().withKey(t.getKey()).withOperator("Equal")
                    .withValue(t.getValue()).withEffect(t.getEffect()).endToleration().endSpec();
        }
        Pod probe = builder.build();
        var pods = client.pods().inNamespace(NAMESPACE);
        Poll.until("probe pod created (default ServiceAccount present)", deadlineNanos, () -> {
            try {
                pods.resource(probe).create();
                return true;
            } catch (KubernetesClientException e) {
                return e.getCode() == 409;
            }
        });
        Poll.until("probe pod Running with a pod IP", deadlineNanos, () -> {
            Pod p = pods.withName(NAME).get();
            return p != null && p.getStatus() != null && "Running".equals(p.getStatus().getPhase())
                    && p.getStatus().getPodIP() != null && !p.getStatus().getPodIP().isEmpty();
        });
        pods.withName(NAME).withGracePeriod(0).delete();
        Poll.until("probe pod deleted", deadlineNanos, () -> pods.withName(NAME).get() == null);
    }
}
