package dev.mutineer.cluster.kind;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Feature gates on a kind control plane: kubeadm has already written the static pod manifests, so the
 * flag is patched into them and the kubelet recreates each pod; done when the mirror pods carry it.
 */
final class KindFeatureGates {

    private static final Logger LOG = LoggerFactory.getLogger(KindFeatureGates.class);
    static final List<String> COMPONENTS = List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler");

    private KindFeatureGates() {
    }

    static void apply(StaticPods staticPods, KubernetesClient client, String nodeName, String gates, Duration timeout,
                      String kubernetesVersion) {
        LOG.info("kind: setting --feature-gates={} on the control plane", gates);
        staticPods.setFeatureGates(gates);
        String flag = "--feature-gates=" + gates;
        for (String pod : COMPONENTS) {
            StaticPods.await(() -> mirrorPodHasFlag(client, pod + "-" + nodeName, flag), timeout,
                    pod + " to restart with " + flag + " (a gate that Kubernetes " + kubernetesVersion
                            + " does not know makes the component exit at start-up)");
        }
    }

    private static boolean mirrorPodHasFlag(KubernetesClient client, String podName, String flag) {
        try {
            var pod = client.pods().inNamespace("kube-system").withName(podName).get();
            return pod != null
                    && pod.getSpec().getContainers().stream().anyMatch(c -> c.getCommand().contains(flag))
                    && pod.getStatus() != null && pod.getStatus().getConditions() != null
                    && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        } catch (KubernetesClientException e) {
            return false; // the API server itself is restarting
        }
    }
}
