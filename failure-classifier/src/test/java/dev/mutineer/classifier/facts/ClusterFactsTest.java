package dev.mutineer.classifier.facts;

import dev.mutineer.classifier.observation.PodStatus;
import dev.mutineer.classifier.observation.ServiceStatus;
import dev.mutineer.classifier.observation.WorkloadStatus;
import dev.mutineer.cluster.resource.ResourceKinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterFactsTest {

    private static final Map<String, String> WEB = Map.of("app", "web");

    private static Pod pod(String name, String ready, String controller, boolean terminating) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace("shop").withName(name).withLabels(WEB).endMetadata()
                .withNewStatus().withPhase("Running").endStatus();
        if (ready != null) {
            b.editStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus();
        }
        if (controller != null) {
            b.editMetadata().addNewOwnerReference().withKind("ReplicaSet").withName(controller).withController(true)
                    .withApiVersion("apps/v1").withUid("u-" + controller).endOwnerReference().endMetadata();
        }
        if (terminating) {
            b.editMetadata().withDeletionTimestamp("2026-12-01T09:00:00Z").endMetadata();
        }
        return b.build();
    }

    private static Endpoint endpoint(String pod, Boolean ready, Boolean terminating) {
        EndpointBuilder b = new EndpointBuilder().withAddresses("10.0.0.1")
                .withNewTargetRef().withKind("Pod").withName(pod).withNamespace("shop").endTargetRef();
        if (ready != null || terminating != null) {
            b.withNewConditions().withReady(ready).withTerminating(terminating).endConditions();
        }
        return b.build();
    }

    private static EndpointSlice slice(Endpoint... endpoints) {
        return new EndpointSliceBuilder().withNewMetadata().withNamespace("shop").withName("web-abc")
                .withLabels(Map.of(ClusterFacts.SERVICE_NAME_LABEL, "web")).endMetadata()
                .withAddressType("IPv4").withEndpoints(endpoints).build();
    }

    private static Service service() {
        return new ServiceBuilder().withNewMetadata().withNamespace("shop").withName("web").endMetadata()
                .withNewSpec().withSelector(WEB).endSpec().build();
    }

    private static GenericKubernetesResource object(String json) {
        return Serialization.unmarshal(json, GenericKubernetesResource.class);
    }

    @Test
    void podsAndNodesAreReadyOnlyWhenTheirReadyConditionIsTrue() {
        assertThat(ClusterFacts.podReady(pod("a", "True", null, false))).isTrue();
        assertThat(ClusterFacts.podReady(pod("a", "False", null, false))).isFalse();
        assertThat(ClusterFacts.podReady(pod("a", null, null, false))).isFalse();
        assertThat(ClusterFacts.podReady(new Pod())).isFalse();
        Node ready = new NodeBuilder().withNewMetadata().withName("n").endMetadata().withNewStatus().addNewCondition()
                .withType("Ready").withStatus("True").endCondition().endStatus().build();
        Node unknown = new NodeBuilder().withNewMetadata().withName("n").endMetadata().withNewStatus().addNewCondition()
                .withType("Ready").withStatus("Unknown").endCondition().endStatus().build();
        assertThat(ClusterFacts.nodeReady(ready)).isTrue();
        assertThat(ClusterFacts.nodeReady(unknown)).isFalse();
        assertThat(ClusterFacts.node(ready).ready()).isTrue();
    }

    @Test
    void anEndpointIsReadyUnlessItSaysNotReadyOrIsTerminating() {
        assertThat(ClusterFacts.endpointReady(endpoint("a", null, null))).as("no conditions").isTrue();
        assertThat(ClusterFacts.endpointReady(endpoint("a", true, null))).isTrue();
        assertThat(ClusterFacts.endpointReady(endpoint("a", false, null))).isFalse();
        assertThat(ClusterFacts.endpointReady(endpoint("a", null, true))).as("terminating, ready unset").isFalse();
        assertThat(ClusterFacts.endpointReady(endpoint("a", true, true))).as("terminating").isFalse();
    }

    /** The reset's wait required ready == true and so waited forever on a Service the observer found healthy. */
    @Test
    void anEndpointWithReadyUnsetServesItsReadyPod() {
        ServiceStatus s = ClusterFacts.service(service(), List.of(pod("web-1", "True", "web-rs", false)),
                List.of(slice(endpoint("web-1", null, null))));
        assertThat(s.readyEndpoints()).isEqualTo(1);
        assertThat(s.selectedReadyPods()).isEqualTo(1);
        assertThat(s.agrees()).isTrue();
        assertThat(ClusterFacts.notAtRest(s)).isEmpty();
    }

    /** The reset's wait counted a terminating Ready pod as one the Service must serve; the endpoints rightly do not. */
    @Test
    void aTerminatingPodIsNotOneTheServiceMustServe() {
        List<Pod> pods = List.of(pod("web-1", "True", "web-rs", false), pod("web-2", "True", "web-rs", true));
        ServiceStatus s = ClusterFacts.service(service(), pods,
                List.of(slice(endpoint("web-1", true, false), endpoint("web-2", false, true))));
        assertThat(s.selectedReadyPods()).isEqualTo(1);
        assertThat(s.missing()).isEmpty();
        assertThat(s.extra()).isEmpty();
        assertThat(ClusterFacts.notAtRest(s)).isEmpty();
    }

    @Test
    void endpointsAreComparedByPodName() {
        List<Pod> pods = List.of(pod("web-1", "True", "web-rs", false), pod("web-2", "True", "web-rs", false),
                pod("web-3", "False", "web-rs", false));
        ServiceStatus s = ClusterFacts.service(service(), pods, List.of(slice(endpoint("web-1", true, null), endpoint("gone", true, null))));
        assertThat(s.missing()).containsExactly("web-2");
        assertThat(s.extra()).containsExactly("gone");
        assertThat(ClusterFacts.notAtRest(s)).hasValueSatisfying(w -> assertThat(w).contains("Service shop/web").contains("web-2"));
        // A Service without a selector has no endpoints to manage and is always at rest.
        Service headless = new ServiceBuilder(service()).editSpec().withSelector(Map.of()).endSpec().build();
        assertThat(ClusterFacts.service(headless, pods, List.of()).selector()).isNull();
        assertThat(ClusterFacts.notAtRest(ClusterFacts.service(headless, pods, List.of()))).isEmpty();
        // A Service with a selector and no ready pod is still coming up.
        assertThat(ClusterFacts.notAtRest(ClusterFacts.service(service(), List.of(), List.of()))).isPresent();
    }

    @Test
    void workloadCountersAreReadWhereTheKindDeclaresThem() {
        WorkloadStatus ds = ClusterFacts.workload(ResourceKinds.require("DaemonSet"), object("""
                {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"namespace":"shop","name":"agent","generation":2},
                 "status":{"desiredNumberScheduled":3,"currentNumberScheduled":3,"numberReady":2,"numberAvailable":1,"observedGeneration":2}}
                """));
        assertThat(ds).isEqualTo(new WorkloadStatus("DaemonSet", "shop", "agent", null, 3, 3, 2, 1, 0, 2, 2));
        WorkloadStatus rs = ClusterFacts.workload(ResourceKinds.require("ReplicaSet"), object("""
                {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"namespace":"shop","name":"web-rs","generation":1,
                 "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"u","controller":true}]},
                 "spec":{"replicas":2},"status":{"replicas":2}}
                """));
        assertThat(rs.owner()).isEqualTo("Deployment/shop/web");
        assertThat(rs.desired()).isEqualTo(2);
        assertThat(rs.ready()).as("unset counters are 0").isZero();
    }

    @Test
    void aWorkloadsPodsAreTheLiveOnesItOrItsChildrenControl() {
        WorkloadStatus deployment = new WorkloadStatus("Deployment", "shop", "web", null, 2, 2, 2, 2, 0, 1, 1);
        WorkloadStatus replicaSet = new WorkloadStatus("ReplicaSet", "shop", "web-rs", "Deployment/shop/web", 2, 2, 2, 2, 0, 1, 1);
        Pod finished = new PodBuilder(pod("web-3", "False", "web-rs", false)).editStatus().withPhase("Succeeded").endStatus().build();
        List<PodStatus> pods = ClusterFacts.pods(List.of(pod("web-1", "True", "web-rs", false), pod("web-2", "True", "web-rs", true),
                finished), List.of(deployment, replicaSet), Set.of());
        List<WorkloadStatus> counted = ClusterFacts.withPodCounts(List.of(deployment, replicaSet), pods);
        assertThat(counted).extracting(WorkloadStatus::pods).containsExactly(1, 1);
    }

    @Test
    void orphansHaveNoControllerOrAWorkloadControllerThatIsNotListed() {
        Set<String> existing = Set.of("ReplicaSet/shop/web-rs");
        assertThat(ClusterFacts.orphan(null, existing, Set.of())).isTrue();
        assertThat(ClusterFacts.orphan("ReplicaSet/shop/web-rs", existing, Set.of())).isFalse();
        assertThat(ClusterFacts.orphan("ReplicaSet/shop/gone", existing, Set.of())).isTrue();
        assertThat(ClusterFacts.orphan("ReplicaSet/shop/gone", existing, Set.of("replicasets"))).as("could not list them").isFalse();
        assertThat(ClusterFacts.orphan("Node/shop/node-1", existing, Set.of())).as("not a workload kind").isFalse();
        List<PodStatus> pods = ClusterFacts.pods(List.of(pod("a", "True", null, false), pod("b", "True", null, true)), List.of(), Set.of());
        assertThat(pods).extracting(PodStatus::orphan).containsExactly(true, false);
    }

    @Test
    void aWorkloadIsAtRestWhenItsControllerCaughtUpAndEveryReplicaIsReadyAndAvailable() {
        assertThat(ClusterFacts.notAtRest(new WorkloadStatus("Deployment", "shop", "web", null, 2, 2, 2, 2, 2, 3, 3))).isEmpty();
        assertThat(ClusterFacts.notAtRest(new WorkloadStatus("Deployment", "shop", "web", null, 2, 2, 2, 1, 2, 3, 3)))
                .hasValue("Deployment shop/web 1/2 available, 2 ready");
        assertThat(ClusterFacts.notAtRest(new WorkloadStatus("StatefulSet", "shop", "db", null, 2, 2, 2, 2, 2, 4, 3)))
                .hasValueSatisfying(w -> assertThat(w).contains("generation 4 not yet observed"));
        assertThat(ClusterFacts.notAtRest(new WorkloadStatus("DaemonSet", "shop", "agent", null, 0, 0, 0, 0, 0, 1, 1))).isPresent();
        assertThat(ClusterFacts.notAtRest(new WorkloadStatus("Deployment", "shop", "idle", null, 0, 0, 0, 0, 0, 1, 1))).isEmpty();
        // Owned workloads answer through their owner, Jobs have no resting count.
        assertThat(ClusterFacts.notAtRest(new WorkloadStatus("ReplicaSet", "shop", "web-rs", "Deployment/shop/web", 2, 2, 0, 0, 0, 1, 1))).isEmpty();
        assertThat(ClusterFacts.notAtRest(new WorkloadStatus("Job", "shop", "batch", null, 1, 0, 0, 1, 0, 1, 0))).isEmpty();
    }

    private static io.fabric8.kubernetes.api.model.ContainerStatus waitingFor(String container, String reason) {
        return new io.fabric8.kubernetes.api.model.ContainerStatusBuilder().withName(container).withNewState()
                .withNewWaiting().withReason(reason).endWaiting().endState().build();
    }

    private static io.fabric8.kubernetes.api.model.ContainerStatus runningContainer(String container) {
        return new io.fabric8.kubernetes.api.model.ContainerStatusBuilder().withName(container).withNewState()
                .withNewRunning().endRunning().endState().build();
    }

    @Test
    void aPodsWaitingReasonIsSampledAReasonItCannotStartForFirst() {
        Pod running = pod("web-1", "True", "web-5d8f", false);
        running.getStatus().setContainerStatuses(List.of(runningContainer("web")));
        Pod stuck = pod("web-2", "False", "web-9e1c", false);
        stuck.getStatus().setContainerStatuses(List.of(waitingFor("sidecar", "ContainerCreating"), waitingFor("web", "ErrImageNeverPull")));
        Pod initialising = pod("web-3", "False", "web-9e1c", false);
        initialising.getStatus().setInitContainerStatuses(List.of(waitingFor("init", "PodInitializing")));
        initialising.getStatus().setContainerStatuses(List.of(waitingFor("web", "PodInitializing")));
        Pod initFails = pod("web-4", "False", "web-9e1c", false);
        initFails.getStatus().setInitContainerStatuses(List.of(waitingFor("init", "CrashLoopBackOff")));

        List<PodStatus> pods = ClusterFacts.pods(List.of(running, stuck, initialising, initFails, pod("web-5", null, "web-9e1c", false)),
                List.of(), Set.of());

        assertThat(pods).extracting(PodStatus::waiting).containsExactly(null, "ErrImageNeverPull", "PodInitializing", "CrashLoopBackOff", null);
        assertThat(pods).extracting(PodStatus::cannotStart).containsExactly(false, true, false, true, false);
    }
}
