package dev.mutineer.classifier.observe;

import dev.mutineer.classifier.observation.HistoryEvent;
import dev.mutineer.classifier.observation.HistoryEvent.Change;
import dev.mutineer.classifier.observation.HistoryEvent.Owner;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The compact form of watched objects: only the controller and the fields the history rules read. */
class HistoryDigestTest {

    @Test
    void aPodKeepsItsControllerPhaseReadinessNodeAndApp() {
        Pod pod = new PodBuilder().withNewMetadata().withNamespace("shop").withName("backend-1").withUid("u1")
                .withResourceVersion("42").addToLabels("app.kubernetes.io/name", "backend").addToLabels("pod-template-hash", "687c")
                .addNewOwnerReference().withKind("ReplicaSet").withName("backend-687c").withUid("rs1").withController(false).endOwnerReference()
                .addNewOwnerReference().withKind("ReplicaSet").withName("backend-9f").withUid("rs2").withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withNodeName("kwok-node-1").endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build();
        HistoryEvent e = HistoryDigest.of(Change.MODIFIED, "Pod", pod);
        assertThat(e.key()).isEqualTo("Pod/shop/backend-1");
        assertThat(e.owner()).as("the controller, not any owner").isEqualTo(new Owner("ReplicaSet", "backend-9f", "rs2"));
        assertThat(e.ownerKey()).isEqualTo("ReplicaSet/shop/backend-9f");
        assertThat(e.state()).isEqualTo(Map.of("phase", "Running", "ready", "true", "node", "kwok-node-1", "app", "backend"));
    }

    @Test
    void anEndpointSliceKeepsItsServiceAndEachEndpointsPodAndReadiness() {
        EndpointSlice slice = new EndpointSliceBuilder().withNewMetadata().withNamespace("shop").withName("backend-x")
                .addToLabels("kubernetes.io/service-name", "backend").endMetadata()
                .addNewEndpoint().withAddresses("10.0.0.2").withNewTargetRef().withName("backend-2").endTargetRef()
                .withNewConditions().withReady(false).endConditions().endEndpoint()
                .addNewEndpoint().withAddresses("10.0.0.1").withNewTargetRef().withName("backend-1").endTargetRef().endEndpoint()
                .addNewEndpoint().withAddresses("10.0.0.3").withNewTargetRef().withName("backend-3").endTargetRef()
                .withNewConditions().withReady(true).withTerminating(true).endConditions().endEndpoint()
                .build();
        HistoryEvent e = HistoryDigest.of(Change.ADDED, "EndpointSlice", slice);
        assertThat(e.owner()).isNull();
        assertThat(e.state()).isEqualTo(Map.of("service", "backend", "endpoints", "backend-1:1,backend-2:0,backend-3:0"));
    }

    @Test
    void aControllerRevisionKeepsItsOwnerAndNumberAndAnEventWhatHappenedToWhat() {
        ControllerRevision cr = new ControllerRevisionBuilder().withNewMetadata().withNamespace("shop").withName("db-6f9")
                .addNewOwnerReference().withKind("StatefulSet").withName("db").withUid("st1").withController(true).endOwnerReference()
                .endMetadata().withRevision(3L).build();
        HistoryEvent r = HistoryDigest.of(Change.ADDED, "ControllerRevision", cr);
        assertThat(r.ownerKey()).isEqualTo("StatefulSet/shop/db");
        assertThat(r.state()).isEqualTo(Map.of("revision", "3"));

        Event ev = new EventBuilder().withNewMetadata().withNamespace("shop").withName("db-0.1").endMetadata()
                .withType("Warning").withReason("FailedCreate").withCount(2)
                .withNewInvolvedObject().withKind("StatefulSet").withName("db").endInvolvedObject().build();
        assertThat(HistoryDigest.of(Change.MODIFIED, "Event", ev).state())
                .isEqualTo(Map.of("type", "Warning", "reason", "FailedCreate", "object", "StatefulSet/db", "count", "2"));
    }
}
