package dev.mutineer.cluster.local;

import io.fabric8.kubernetes.api.model.Node;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** kwok nodes carry the NoSchedule taint only beside real nodes; kwok-only clusters' nodes stay as they were. */
class SimulatedNodesTest {

    @Test
    void onlyKwokNodesBesideRealNodesAreTainted() {
        Node kwokOnly = SimulatedNodes.node("kwok-node-0", false);
        assertThat(kwokOnly.getSpec()).as("no spec at all, as before real nodes existed").isNull();
        assertThat(kwokOnly).isEqualTo(SimulatedNodes.node("kwok-node-0"));

        Node beside = SimulatedNodes.node("kwok-node-0", true);
        assertThat(beside.getSpec().getTaints()).extracting(t -> t.getKey() + "=" + t.getValue() + ":" + t.getEffect())
                .containsExactly("kwok.x-k8s.io/node=fake:NoSchedule");
        assertThat(beside.getMetadata()).isEqualTo(kwokOnly.getMetadata());
    }
}
