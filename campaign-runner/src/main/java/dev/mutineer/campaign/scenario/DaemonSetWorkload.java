package dev.mutineer.campaign.scenario;

import dev.mutineer.cluster.local.LocalCluster;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The DaemonSet variant of kubernetes#129795: one pod per node on the cluster's 3 nodes; two more
 * simulated nodes join, so the DaemonSet wants 5.
 */
public record DaemonSetWorkload() implements StaleWorkload {

    static final int CLUSTER_NODES = 3;
    static final int ADDED_NODES = 2;

    @Override
    public String kind() {
        return "DaemonSet";
    }

    @Override
    public String name() {
        return "stale-ds";
    }

    @Override
    public String featureGate() {
        return "StaleControllerConsistencyDaemonSet";
    }

    @Override
    public int initialPods() {
        return CLUSTER_NODES;
    }

    @Override
    public int desiredPods() {
        return CLUSTER_NODES + ADDED_NODES;
    }

    @Override
    public void create(KubernetesClient client) {
        client.apps().daemonSets().inNamespace(NAMESPACE).resource(new DaemonSetBuilder()
                .withNewMetadata().withName(name()).endMetadata()
                .withNewSpec()
                .withNewSelector().addToMatchLabels("app", name()).endSelector()
                .withTemplate(ScenarioPods.template(name()))
                .endSpec().build()).create();
    }

    @Override
    public void scaleUp(KubernetesClient client) {
        for (int i = 0; i < ADDED_NODES; i++) {
            client.nodes().resource(LocalCluster.simulatedNode("kwok-added-node-" + i)).create();
        }
    }

    @Override
    public void triggerSync(KubernetesClient client, String value) {
        client.apps().daemonSets().inNamespace(NAMESPACE).withName(name())
                .patch(PatchContext.of(PatchType.JSON_MERGE), ScenarioPods.annotationPatch(value));
    }
}
