package dev.mutineer.campaign.scenario;

import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** kubernetes#129795 as reported: a ReplicaSet scaled from 2 to 5 replicas. */
public record ReplicaSetWorkload() implements StaleWorkload {

    @Override
    public String kind() {
        return "ReplicaSet";
    }

    @Override
    public String name() {
        return "stale-rs";
    }

    @Override
    public String featureGate() {
        return "StaleControllerConsistencyReplicaSet";
    }

    @Override
    public int initialPods() {
        return 2;
    }

    @Override
    public int desiredPods() {
        return 5;
    }

    @Override
    public void create(KubernetesClient client) {
        client.apps().replicaSets().inNamespace(NAMESPACE).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(name()).endMetadata()
                .withNewSpec().withReplicas(initialPods())
                .withNewSelector().addToMatchLabels("app", name()).endSelector()
                .withTemplate(ScenarioPods.template(name()))
                .endSpec().build()).create();
    }

    @Override
    public void scaleUp(KubernetesClient client) {
        client.apps().replicaSets().inNamespace(NAMESPACE).withName(name())
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + desiredPods() + "}}");
    }

    @Override
    public void triggerSync(KubernetesClient client, String value) {
        client.apps().replicaSets().inNamespace(NAMESPACE).withName(name())
                .patch(PatchContext.of(PatchType.JSON_MERGE), ScenarioPods.annotationPatch(value));
    }
}
